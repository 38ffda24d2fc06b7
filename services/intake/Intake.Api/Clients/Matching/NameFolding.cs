using System.Globalization;
using System.Text;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// Brings names written many ways to one comparable form: lower case, no accents, Cyrillic
/// transliterated, punctuation and hyphens as separators. Particles (al-, el-, bin, van der…) are
/// set apart because desks write them attached, detached, or not at all.
/// </summary>
internal static class NameFolding
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "al", "el", "ul", "ad", "ar", "as", "an", "at", "az", "ibn", "bin", "ben", "bint",
        "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
    };

    private static readonly Dictionary<char, string> Special = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ґ'] = "g", ['д'] = "d", ['е'] = "e", ['є'] = "ye", ['ё'] = "yo",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['і'] = "i", ['ї'] = "yi", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m",
        ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh",
        ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu",
        ['я'] = "ya", ['\''] = "", ['’'] = "", ['`'] = "",
    };

    /// <summary>
    /// Letters whose mark is a sound of its own, written as the digraph other alphabets use before the marks
    /// are dropped: Polish Żuk and Czech Žuk are Ukrainian Zhuk, Šamil is Shamil, Čeh is Cheh.
    /// </summary>
    private static readonly (string Letter, string Digraph)[] MarkedSounds = [("ż", "zh"), ("ž", "zh"), ("š", "sh"), ("č", "ch")];

    private static readonly MemoCache<string> Folded = new();

    private static readonly MemoCache<string> FoldedPlain = new();

    private static readonly MemoCache<IReadOnlyList<string>> TokensOf = new();

    private static readonly MemoCache<IReadOnlyList<string>> FormsOf = new();

    /// <summary>"MOHAMED El-Hassan" → "mohamed el hassan".</summary>
    public static string Fold(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : Folded.GetOrAdd(name, named => FoldOnce(named, markedSoundsAsDigraphs: true));

    /// <summary>
    /// The fold with every mark simply dropped (Žuk → "zuk"), as a desk without the letter types it: compared
    /// beside <see cref="Fold"/>'s reading (Žuk → "zhuk"), so both Zuk and Zhuk find Žuk.
    /// </summary>
    public static string FoldPlain(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : FoldedPlain.GetOrAdd(name, named => FoldOnce(named, markedSoundsAsDigraphs: false));

    private static string FoldOnce(string name, bool markedSoundsAsDigraphs)
    {
        var lower = name.ToLowerInvariant().Normalize(NormalizationForm.FormC);
        foreach (var (letter, digraph) in markedSoundsAsDigraphs ? MarkedSounds : [])
        {
            lower = lower.Replace(letter, digraph, StringComparison.Ordinal);
        }

        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (Special.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
            }
            else
            {
                // Lower case again: a capital that lower-cases to a letter and a mark (Turkish İ) is still a capital here.
                builder.Append(char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return string.Join(' ', builder.ToString().Normalize(NormalizationForm.FormC)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The heads of Tigrinya and Amharic compound names ("servant of", "gift of", "power of"…), which desks
    /// write joined to the rest or apart: Weldemichael / Wolde Mikael, Gebremedhin / Ghebre Medhin.
    /// </summary>
    private static readonly string[] CompoundHeads =
    [
        "gebre", "ghebre", "gabre", "gebra", "ghebra", "wolde", "welde", "walda", "wolda", "weldu", "habte", "habta", "haile", "hayle", "haila",
        "tekle", "tekla", "tesfa", "kidane", "kidan", "zere", "zera", "fikre", "fikru", "hagos", "hailu",
    ];

    /// <summary>A joined compound name's head and the rest (<c>weldemichael</c> → <c>welde</c>, <c>michael</c>), or null.</summary>
    public static (string Head, string Tail)? CompoundParts(string foldedToken)
    {
        foreach (var head in CompoundHeads)
        {
            if (foldedToken.Length >= head.Length + 3 && foldedToken.StartsWith(head, StringComparison.Ordinal))
            {
                return (head, foldedToken[head.Length..]);
            }
        }

        return null;
    }

    public static IReadOnlyList<string> Tokens(string? name) =>
        string.IsNullOrWhiteSpace(name) ? [] : TokensOf.GetOrAdd(name, named => Array.AsReadOnly(Fold(named).Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    public static bool IsParticle(string token) => Particles.Contains(token);

    /// <summary>
    /// The forms a name part is compared in: its tokens joined without particles ("hassan"), joined
    /// with them ("alhassan"), and with an attached al-/el- taken off ("alhasan" → "hasan").
    /// </summary>
    public static IReadOnlyList<string> PartForms(string? part) => string.IsNullOrWhiteSpace(part) ? [] : FormsOf.GetOrAdd(part, PartFormsOnce);

    private static IReadOnlyList<string> PartFormsOnce(string part)
    {
        var forms = new List<string>();
        foreach (var tokens in new[] { Tokens(part), FoldPlain(part).Split(' ', StringSplitOptions.RemoveEmptyEntries) })
        {
            Add(forms, string.Concat(tokens.Where(token => !IsParticle(token))));
            Add(forms, string.Concat(tokens));
        }

        foreach (var form in forms.ToList())
        {
            Add(forms, WithoutAttachedArticle(form));
        }

        return forms.AsReadOnly();
    }

    /// <summary>Every token a name is searched by: each token, the particles dropped, attached articles also taken off.</summary>
    public static IReadOnlyList<string> SearchTokens(string? name)
    {
        var forms = new List<string>();
        foreach (var token in Tokens(name).Where(token => !IsParticle(token)))
        {
            Add(forms, token);
            Add(forms, WithoutAttachedArticle(token));
        }

        return forms;
    }

    private static string WithoutAttachedArticle(string form) =>
        form.Length >= 6 && (form.StartsWith("al", StringComparison.Ordinal) || form.StartsWith("el", StringComparison.Ordinal))
            ? form[2..]
            : form;

    private static void Add(List<string> forms, string form)
    {
        if (form.Length > 0 && !forms.Contains(form))
        {
            forms.Add(form);
        }
    }
}
