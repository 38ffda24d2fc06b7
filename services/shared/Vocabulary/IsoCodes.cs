using System.Collections.Frozen;

namespace Integration.Vocabulary;

/// <summary>
/// ISO 639-1/639-3 language codes (with their English names) and ISO 3166-1 alpha-2 country codes,
/// from lists generated out of Debian's iso-codes (scripts/generate-iso-codes.py) and embedded in
/// the assembly.
/// </summary>
public static class IsoCodes
{
    private static readonly FrozenDictionary<string, string> Languages = Load("iso-639-codes.txt")
        .Select(line => line.Split('\t', 2))
        .ToFrozenDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Countries = Load("iso-3166-1-alpha-2.txt").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The field error for a value that <see cref="IsLanguage"/> refuses.</summary>
    public const string NotALanguage = "Not an ISO 639-1 or 639-3 language code in lower case (ar, ti, prs).";

    /// <summary>True for a known code, compared lower case (<c>ar</c>, <c>ti</c>, <c>prs</c>).</summary>
    public static bool IsLanguage(string? code) => code is not null && Languages.ContainsKey(code);

    /// <summary>The English name of a known language code (<c>ti</c> → Tigrinya), else null.</summary>
    public static string? LanguageName(string code) => Languages.GetValueOrDefault(code);

    /// <summary>Every ISO 3166-1 alpha-2 country code.</summary>
    public static IEnumerable<string> CountryCodes => Countries;

    /// <summary>Every language with a two-letter ISO 639-1 code (the 639-3 codes are thousands; these are the ones staff pick from).</summary>
    public static IEnumerable<string> TwoLetterLanguageCodes => Languages.Keys.Where(code => code.Length == 2);

    /// <summary>True for a known code, compared upper case (<c>SY</c>, <c>UA</c>).</summary>
    public static bool IsCountry(string? code) => code is not null && Countries.Contains(code);

    private static List<string> Load(string name)
    {
        var assembly = typeof(IsoCodes).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(candidate => candidate.EndsWith(name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .ToList();
    }
}
