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
}
