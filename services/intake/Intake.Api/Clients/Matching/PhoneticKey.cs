using System.Text;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// A consonant skeleton for transliterated names: spelling variants that sound alike share it
/// (Mohammed / Muhammad / Mohamed → "mhmd"; Aleksandr / Oleksandr / Alexander → "lksndr";
/// Yusuf / Youssef / Jusuf → "sf"; Serhiy / Sergiy, Oleh / Oleg: Cyrillic г is written h or g). The Cyrillic sibilants
/// as German, Polish and French offices write them (Schewtschuk, Szewczuk, Chevtchouk for Shevchuk; Żuk and Schuk for
/// Zhuk; Krawez for Kravets) fall together, as do z and s (German Kusmenko for Kuzmenko). Vowels carry little in transliterations of Arabic, Tigrinya
/// or Cyrillic names, so they are dropped, and letter groups that render one sound are merged.
/// </summary>
internal static class PhoneticKey
{
    private static readonly (string From, string To)[] Groups =
    [
        ("schtsch", "S"), ("szcz", "S"), ("chtch", "S"), ("shch", "S"), ("tsch", "S"), ("tch", "S"), ("sch", "S"), ("sh", "S"),
        ("ch", "S"), ("sz", "S"), ("cz", "S"), ("zh", "S"), ("dj", "J"), ("ph", "f"), ("kh", "h"),
        ("gh", "g"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("tz", "s"), ("ts", "s"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"),
        ("z", "s"), ("j", "y"), ("J", "j"), ("g", "h"),
    ];

    /// <summary>
    /// The skeleton read the other way where one Latin letter stands for two sounds: q for the Persian gh
    /// (Qorbani / Ghorbani) and j for the French zh (Jitomirski / Zhytomyrskyi). Compared, not indexed:
    /// the first reading stays the one that finds Kasim for Qasim and Julija for Yuliia.
    /// </summary>
    public static string Alternative(string foldedToken)
    {
        return Of(foldedToken.Replace("q", "gh", StringComparison.Ordinal).Replace("j", "zh", StringComparison.Ordinal));
    }

    /// <summary>Whether two folded tokens sound alike in either reading.</summary>
    public static bool Alike(string a, string b)
    {
        var (keyA, keyB) = (Of(a), Of(b));
        if (keyA == keyB)
        {
            return true;
        }

        var (otherA, otherB) = (ReadsTwoWays(a) ? Alternative(a) : keyA, ReadsTwoWays(b) ? Alternative(b) : keyB);
        return otherA == keyB || keyA == otherB || otherA == otherB;
    }

    private static bool ReadsTwoWays(string token) => token.Contains('q', StringComparison.Ordinal) || token.Contains('j', StringComparison.Ordinal);

    private static readonly MemoCache<string> Skeletons = new();

    /// <summary>The skeleton of one folded token (see <see cref="NameFolding"/>).</summary>
    public static string Of(string foldedToken)
    {
        return Skeletons.GetOrAdd(foldedToken, SkeletonOnce);
    }

    private static string SkeletonOnce(string foldedToken)
    {
        var text = foldedToken;
        foreach (var (from, to) in Groups)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("aeiouy".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.Length == 0 || key[^1] != c)
            {
                key.Append(c);
            }
        }

        return key.Length > 0 ? key.ToString() : foldedToken;
    }
}
