using System.Collections.Frozen;

namespace Integration.Intake.Vocabulary;

/// <summary>
/// ISO 639-1/639-3 language codes and ISO 3166-1 alpha-2 country codes, from lists generated out
/// of Debian's iso-codes (scripts/generate-iso-codes.py) and embedded in the assembly.
/// </summary>
public static class IsoCodes
{
    private static readonly FrozenSet<string> Languages = Load("iso-639-codes.txt");
    private static readonly FrozenSet<string> Countries = Load("iso-3166-1-alpha-2.txt");

    /// <summary>True for a known code, compared lower case (<c>ar</c>, <c>ti</c>, <c>prs</c>).</summary>
    public static bool IsLanguage(string? code) => code is not null && Languages.Contains(code);

    /// <summary>True for a known code, compared upper case (<c>SY</c>, <c>UA</c>).</summary>
    public static bool IsCountry(string? code) => code is not null && Countries.Contains(code);

    private static FrozenSet<string> Load(string name)
    {
        var assembly = typeof(IsoCodes).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(candidate => candidate.EndsWith(name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .ToFrozenSet(StringComparer.Ordinal);
    }
}
