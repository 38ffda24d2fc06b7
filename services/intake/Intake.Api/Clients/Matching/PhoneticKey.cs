using System.Text;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// A consonant skeleton for transliterated names: spelling variants that sound alike share it
/// (Mohammed / Muhammad / Mohamed → "mhmd"; Aleksandr / Oleksandr / Alexander → "lksndr";
/// Yusuf / Youssef / Jusuf → "sf"; Serhiy / Sergiy, Oleh / Oleg: Cyrillic г is written h or g). Vowels carry little in transliterations of Arabic, Tigrinya
/// or Cyrillic names, so they are dropped, and letter groups that render one sound are merged.
/// </summary>
public static class PhoneticKey
{
    private static readonly (string From, string To)[] Groups =
    [
        ("shch", "S"), ("sch", "S"), ("sh", "S"), ("ch", "S"), ("zh", "J"), ("dj", "J"), ("ph", "f"), ("kh", "h"),
        ("gh", "g"), ("th", "t"), ("dh", "d"), ("ck", "k"), ("ts", "s"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"),
        ("j", "y"), ("J", "j"), ("g", "h"),
    ];

    /// <summary>The skeleton of one folded token (see <see cref="NameFolding"/>).</summary>
    public static string Of(string foldedToken)
    {
        ArgumentNullException.ThrowIfNull(foldedToken);
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
