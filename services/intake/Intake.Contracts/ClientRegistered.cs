namespace Integration.Intake.Contracts;

/// <summary>
/// A client was registered at intake. Published once per registration with the intake event id
/// as message id. Contracts change additively only: add properties, never rename or remove.
/// Vocabulary values travel as the API's snake_case strings.
/// </summary>
public sealed record ClientRegistered(
    Guid ClientId,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    DateTimeOffset RegisteredAt)
{
    public string? Office { get; init; }
    public IReadOnlyList<LanguageSkill> Languages { get; init; } = [];
    public string? PreferredLanguage { get; init; }
    public bool InterpreterRequired { get; init; }
    public string? Municipality { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }

    /// <summary>The legal status category (special-category data: shared with partners only under consent).</summary>
    public string? LegalStatusCategory { get; init; }
    public DateOnly? LegalStatusValidUntil { get; init; }

    /// <summary><c>female</c>, <c>male</c>, <c>other</c> or <c>unknown</c>: for funders' counts, never shown to partners.</summary>
    public string? Sex { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes, the main one first: for funders' counts, never shown to partners.</summary>
    public IReadOnlyList<string> Nationalities { get; init; } = [];
}

public sealed record LanguageSkill(string Code, string Proficiency);
