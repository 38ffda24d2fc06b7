using Integration.Eventing;
using Integration.Intake.Vocabulary;

namespace Integration.Intake.Clients;

/// <summary>A client as intake knows them, folded from the client's stream (an inline snapshot).</summary>
public sealed record Client(
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
    LegalStatusDetails? LegalStatus,
    IReadOnlyList<LegalStatusEntry> LegalStatusHistory,
    IReadOnlyList<Vulnerability> Vulnerabilities,
    string? Office,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<Need> Needs,
    CaseFile Case,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    int Version) : IStreamReadModel
{
    /// <summary>Set once the client's personal data is erased; every other field is then blank.</summary>
    public Erasing.Erasure? Erasure { get; init; }

    public Guid? HouseholdId { get; init; }

    public Households.Relationship? HouseholdRelationship { get; init; }

    /// <summary>The case worker responsible for the case, when one is assigned.</summary>
    public StaffMember? CaseWorker { get; init; }

    /// <summary>Set while this record is merged into another (the survivor), which carries the case.</summary>
    public Guid? MergedInto { get; init; }

    /// <summary>What this record took from each duplicate merged into it, so that an unmerge gives back exactly that.</summary>
    public IReadOnlyList<Absorption> Absorptions { get; init; } = [];

    public static Client Create(ClientRegistered e)
    {
        return new Client(
            e.ClientId, e.GivenName, e.FamilyName, e.OtherNames, e.DateOfBirth, e.DateOfBirthIsApproximate, e.Sex, e.Nationalities,
            e.Languages, e.PreferredLanguage, e.InterpreterRequired, e.Phone, e.Email, e.Address, e.LegalStatus,
            e.LegalStatus is null ? [] : [new LegalStatusEntry(e.LegalStatus, e.RegisteredBy, e.RegisteredAt)],
            e.Vulnerabilities, e.Office, [], [], new CaseFile(CaseStatus.Open, e.RegisteredAt, null, null, null, null),
            e.RegisteredBy, e.RegisteredAt, Version: 1);
    }

    public Client Apply(ContactChanged e) => this with { Phone = e.Phone, Email = e.Email, Address = e.Address };

    public Client Apply(LanguagesChanged e) =>
        this with { Languages = e.Languages, PreferredLanguage = e.PreferredLanguage, InterpreterRequired = e.InterpreterRequired };

    public Client Apply(LegalStatusChanged e) => this with
    {
        LegalStatus = e.LegalStatus,
        LegalStatusHistory = [.. LegalStatusHistory, new LegalStatusEntry(e.LegalStatus, e.ChangedBy, e.ChangedAt)],
    };

    public Client Apply(ConsentGiven e) => this with
    {
        Consents = [.. Consents, new Consent(e.ConsentId, e.Purpose, e.RecipientOrganisationId, e.RecipientServiceCategory,
            e.DataCategories, e.LawfulBasis, e.GivenAt, e.ExpiresAt, e.Evidence, ConsentStatus.Active, null, null)],
    };

    public Client Apply(ConsentWithdrawn e) =>
        this with { Consents = Replace(Consents, e.ConsentId, c => c with { Status = ConsentStatus.Withdrawn, EndedAt = e.WithdrawnAt, WithdrawalReason = e.Reason }) };

    public Client Apply(ConsentExpired e) =>
        this with { Consents = Replace(Consents, e.ConsentId, c => c with { Status = ConsentStatus.Expired, EndedAt = e.ExpiresAt }) };

    public Client Apply(NeedAdded e) => this with
    {
        Needs = [.. Needs, new Need(e.NeedId, e.Domain, e.Priority, e.Description, NeedStatus.Open, null, null, e.AddedAt, null)],
    };

    public Client Apply(NeedReprioritised e) => this with { Needs = Replace(Needs, e.NeedId, n => n with { Priority = e.Priority }) };

    public Client Apply(NeedResolved e) => this with
    {
        Needs = Replace(Needs, e.NeedId, n => n with { Status = NeedStatus.Resolved, Outcome = e.Outcome, OutcomeNote = e.Note, ResolvedAt = e.ResolvedAt }),
    };

    public Client Apply(CaseClosed e) => this with
    {
        Case = Case with { Status = CaseStatus.Closed, Outcome = e.Outcome, ClosingNote = e.Note, ClosedAt = e.ClosedAt },
    };

    public Client Apply(CaseReopened e) => this with
    {
        Case = new CaseFile(CaseStatus.Open, e.ReopenedAt, null, null, null, e.Reason),
    };

    public Client Apply(IdentityCorrected e) => this with
    {
        GivenName = e.GivenName,
        FamilyName = e.FamilyName,
        OtherNames = e.OtherNames,
        DateOfBirth = e.DateOfBirth,
        DateOfBirthIsApproximate = e.DateOfBirthIsApproximate,
        Sex = e.Sex,
        Nationalities = e.Nationalities,
    };

    public Client Apply(VulnerabilitiesCorrected e) => this with { Vulnerabilities = e.Vulnerabilities };

    public Client Apply(CaseWorkerAssigned e) => this with { CaseWorker = e.CaseWorker };

    public Client Apply(CaseTransferred e) => this with { Office = e.ToOffice };

    public Client Apply(HouseholdJoined e) => this with { HouseholdId = e.HouseholdId, HouseholdRelationship = e.Relationship };

    public Client Apply(HouseholdLeft e) => this with { HouseholdId = null, HouseholdRelationship = null };

    /// <summary>Whole years of age on <paramref name="today"/>.</summary>
    public int AgeOn(DateOnly today) =>
        today.Year - DateOfBirth.Year - (today < DateOfBirth.AddYears(today.Year - DateOfBirth.Year) ? 1 : 0);

    public string FullName() => $"{GivenName} {FamilyName}";

    public Matching.MatchSubject ToMatchSubject() =>
        new(GivenName, FamilyName, OtherNames, DateOfBirth, DateOfBirthIsApproximate, Nationalities, Sex);

    public Client Apply(ClientMerged e) => this with { MergedInto = e.SurvivorId };

    public Client Apply(ClientAbsorbed e) => this with
    {
        OtherNames = [.. OtherNames, .. e.OtherNames],
        Needs = [.. Needs, .. e.Needs],
        Consents = [.. Consents, .. e.Consents],
        LegalStatusHistory = [.. LegalStatusHistory.Concat(e.LegalStatusHistory).OrderBy(entry => entry.RecordedAt)],
        Absorptions = [.. Absorptions, new Absorption(e.DuplicateId, e.OtherNames, [.. e.Needs.Select(need => need.Id)],
            [.. e.Consents.Select(consent => consent.Id)], e.LegalStatusHistory) { Household = e.Household }],
    };

    /// <summary>The duplicate's needs and consents come back in the state the survivor's case left them.</summary>
    public Client Apply(ClientUnmerged e) => this with
    {
        MergedInto = null,
        Needs = [.. Needs.Select(need => e.Needs.FirstOrDefault(back => back.Id == need.Id) ?? need)],
        Consents = [.. Consents.Select(consent => e.Consents.FirstOrDefault(back => back.Id == consent.Id) ?? consent)],
    };

    public Client Apply(ClientSplitOff e)
    {
        var absorbed = Absorptions.First(absorption => absorption.DuplicateId == e.DuplicateId);
        return this with
        {
            OtherNames = [.. OtherNames.Where(name => !absorbed.OtherNames.Contains(name))],
            Needs = [.. Needs.Where(need => !absorbed.NeedIds.Contains(need.Id))],
            Consents = [.. Consents.Where(consent => !absorbed.ConsentIds.Contains(consent.Id))],
            LegalStatusHistory = [.. LegalStatusHistory.Where(entry => !absorbed.LegalStatusHistory.Contains(entry))],
            Absorptions = [.. Absorptions.Where(absorption => absorption.DuplicateId != e.DuplicateId)],
        };
    }

    public Client Apply(ClientErased e) =>
        Erasing.ClientErasure.Blank(this) with { Erasure = new Erasing.Erasure(e.ErasedBy, e.ErasedAt, e.AwaitedServices, []) };

    public Client Apply(ErasureConfirmed e) => this with
    {
        Erasure = Erasure! with { Confirmations = [.. Erasure.Confirmations, new Erasing.ErasureConfirmation(e.Service, e.ConfirmedAt)] },
    };

    public Consent? FindConsent(Guid consentId) => Consents.FirstOrDefault(consent => consent.Id == consentId);

    public Need? FindNeed(Guid needId) => Needs.FirstOrDefault(need => need.Id == needId);

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, Guid id, Func<T, T> change) where T : IHasId =>
        [.. items.Select(item => item.Id == id ? change(item) : item)];
}

public interface IHasId
{
    Guid Id { get; }
}

public sealed record LegalStatusEntry(LegalStatusDetails LegalStatus, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>What a survivor took from one duplicate at a merge.</summary>
public sealed record Absorption(
    Guid DuplicateId, IReadOnlyList<string> OtherNames, IReadOnlyList<Guid> NeedIds, IReadOnlyList<Guid> ConsentIds,
    IReadOnlyList<LegalStatusEntry> LegalStatusHistory)
{
    public HouseholdPlace? Household { get; init; }
}

public sealed record Consent(
    Guid Id,
    ConsentPurpose Purpose,
    Guid? RecipientOrganisationId,
    NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory> DataCategories,
    LawfulBasis LawfulBasis,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt,
    string? Evidence,
    ConsentStatus Status,
    DateTimeOffset? EndedAt,
    string? WithdrawalReason) : IHasId
{
    /// <summary>Expired consent counts as absent, whether or not the expiry sweep has recorded it yet.</summary>
    public ConsentStatus StatusAt(DateTimeOffset now) =>
        Status == ConsentStatus.Active && ExpiresAt <= now ? ConsentStatus.Expired : Status;
}

public sealed record Need(
    Guid Id,
    NeedDomain Domain,
    Priority Priority,
    string Description,
    NeedStatus Status,
    NeedOutcome? Outcome,
    string? OutcomeNote,
    DateTimeOffset AddedAt,
    DateTimeOffset? ResolvedAt) : IHasId;

public sealed record CaseFile(
    CaseStatus Status,
    DateTimeOffset OpenedAt,
    CaseOutcome? Outcome,
    string? ClosingNote,
    DateTimeOffset? ClosedAt,
    string? ReopenReason);
