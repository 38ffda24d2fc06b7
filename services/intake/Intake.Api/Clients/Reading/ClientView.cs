using System.Text.Json.Serialization;
using Integration.Intake.Vocabulary;

namespace Integration.Intake.Clients.Reading;

/// <summary>The client profile as <c>GET /clients/{id}</c> answers it: stored state plus what depends on today.</summary>
internal sealed record ClientView(
    Guid Id,
    string GivenName,
    string FamilyName,
    IReadOnlyList<string> OtherNames,
    DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate,
    Sex Sex,
    IReadOnlyList<string> Nationalities,
    IReadOnlyList<LanguageSkill> Languages,
    string? PreferredLanguage,
    bool InterpreterRequired,
    string? Phone,
    string? Email,
    Address? Address,
    LegalStatusView? LegalStatus,
    IReadOnlyList<LegalStatusEntry> LegalStatusHistory,
    IReadOnlyList<Vulnerability> Vulnerabilities,
    string? Office,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<Need> Needs,
    CaseFile Case,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    int Version)
{
    /// <summary>The household the client belongs to, or null (written even when null: docs/api.md names it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Guid? HouseholdId { get; init; }

    /// <summary>The case worker responsible for the case, or null while nobody is assigned.</summary>
    public StaffMember? CaseWorker { get; init; }

    /// <summary><c>active</c>, or <c>merged</c> once this record was merged into <see cref="MergedInto"/>.</summary>
    public string Status => MergedInto is null ? "active" : "merged";

    /// <summary>The record this one was merged into; absent unless merged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? MergedInto { get; init; }

    /// <summary>Permits lapsing within this many days are flagged: lapses are where people fall through.</summary>
    public const int PermitWarningDays = 30;

    public static ClientView From(Client client, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new ClientView(
            client.Id, client.GivenName, client.FamilyName, client.OtherNames, client.DateOfBirth, client.DateOfBirthIsApproximate,
            client.Sex, client.Nationalities, client.Languages, client.PreferredLanguage, client.InterpreterRequired, client.Phone,
            client.Email, client.Address, client.LegalStatus is null ? null : LegalStatusView.From(client.LegalStatus, today),
            client.LegalStatusHistory, client.Vulnerabilities, client.Office,
            [.. client.Consents.Select(consent => consent with { Status = consent.StatusAt(now) })],
            client.Needs, client.Case, client.RegisteredBy, client.RegisteredAt, client.Version)
        {
            HouseholdId = client.HouseholdId,
            CaseWorker = client.CaseWorker,
            MergedInto = client.MergedInto,
        };
    }
}

internal sealed record LegalStatusView(
    LegalStatusCategory Category, string? DocumentNumber, DateOnly? ValidUntil, bool Expired, bool ExpiresSoon, int? DaysUntilExpiry)
{
    public static LegalStatusView From(LegalStatusDetails status, DateOnly today)
    {
        int? days = status.ValidUntil is { } until ? until.DayNumber - today.DayNumber : null;
        return new LegalStatusView(status.Category, status.DocumentNumber, status.ValidUntil,
            Expired: days < 0, ExpiresSoon: days is >= 0 and <= ClientView.PermitWarningDays, days);
    }
}
