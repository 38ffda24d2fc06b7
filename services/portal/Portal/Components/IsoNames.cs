using System.Globalization;
using Integration.Vocabulary;

namespace Integration.Portal.Components;

/// <summary>Countries and languages by name in the page's language, never as the API's ISO codes (<see cref="LocalNames"/>), and the pickers' choices.</summary>
internal static class IsoNames
{
    public static string Language(string? code) => LocalNames.Language(code);

    public static string Country(string? code) => LocalNames.Country(code);

    public static string Countries(IEnumerable<string> codes) => string.Join(", ", codes.Select(Country));

    /// <summary>
    /// Languages people arriving in Europe often speak that have no two-letter code: Dari, Sorani and
    /// Kurmanji Kurdish, Tigre, the spoken Arabics, Iranian Persian and Southern Pashto.
    /// </summary>
    private static readonly string[] ThreeLetterLanguages = ["prs", "ckb", "kmr", "tig", "apc", "arz", "ary", "apd", "aeb", "pes", "pbt"];

    /// <summary>The choices of a picker, by name in the page's language, alphabetically.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Choices(IsoKind kind) =>
        [.. (kind == IsoKind.Country ? IsoCodes.CountryCodes.Select(code => KeyValuePair.Create(code, Country(code)))
                : IsoCodes.TwoLetterLanguageCodes.Concat(ThreeLetterLanguages).Select(code => KeyValuePair.Create(code, Language(code))))
            .OrderBy(choice => choice.Value, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];

    /// <summary>
    /// The code for what was typed in a picker: a name of the list (in the page's language or in
    /// English), a code itself, or, when it is neither, the text as typed, for the API to refuse by name.
    /// </summary>
    public static string? CodeFor(IsoKind kind, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = typed.Trim();
        if (kind == IsoKind.Country ? IsoCodes.IsCountry(text.ToUpperInvariant()) : IsoCodes.IsLanguage(text.ToLowerInvariant()))
        {
            return kind == IsoKind.Country ? text.ToUpperInvariant() : text.ToLowerInvariant();
        }

        return Choices(kind).FirstOrDefault(choice => CultureInfo.CurrentCulture.CompareInfo.Compare(choice.Value, text, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0
                || (kind == IsoKind.Language && string.Equals(IsoCodes.LanguageName(choice.Key), text, StringComparison.OrdinalIgnoreCase))).Key
            ?? text;
    }
}

public enum IsoKind { Country, Language }
