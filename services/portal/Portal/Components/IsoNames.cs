using System.Globalization;
using Integration.Vocabulary;

namespace Integration.Portal.Components;

/// <summary>
/// Countries and languages by name in the page's language, never as the API's ISO codes: the
/// names come from ICU (the same data the browser's own pickers use), the English iso-codes list
/// backs them up, and an unknown code is shown as it is.
/// </summary>
public static class IsoNames
{
    public static string Language(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            if (!string.Equals(culture.DisplayName, code, StringComparison.OrdinalIgnoreCase) && !culture.DisplayName.StartsWith("Unknown", StringComparison.Ordinal))
            {
                return culture.DisplayName;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        return IsoCodes.LanguageName(code) ?? code;
    }

    /// <summary>ICU names a region inside a locale's display name, "unknown language (Nigeria)": the part in brackets is the country.</summary>
    public static string Country(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        try
        {
            var name = CultureInfo.GetCultureInfo($"und-{code.ToUpperInvariant()}").DisplayName;
            var open = name.LastIndexOf('(');
            if (open >= 0 && name.EndsWith(')') && name.Length - open > 2)
            {
                return name[(open + 1)..^1];
            }
        }
        catch (CultureNotFoundException)
        {
        }

        return code;
    }

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
