using System.Globalization;

namespace Integration.Vocabulary;

/// <summary>
/// Countries and languages by name in the current UI culture, never as ISO codes: the names come
/// from ICU (the same data the browser's own pickers use), the English iso-codes list backs them
/// up, and an unknown code is shown as it is. The portal's screens and intake's printed documents
/// name them alike.
/// </summary>
public static class LocalNames
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

    /// <summary>The name of <paramref name="code"/> (a language or a country, by <paramref name="name"/>) in another language than the current one.</summary>
    public static string In(string language, Func<string?, string> name, string? code)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return name(code);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
