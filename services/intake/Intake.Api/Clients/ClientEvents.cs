using Integration.Intake.Vocabulary;

namespace Integration.Intake.Clients;

// Domain events of the client stream. Marten stores their type names: never rename; add members
// with defaults, or upcast.

public sealed record LanguageSkill(string Code, Proficiency Proficiency);

public sealed record Address(string Municipality, string? District, string? Postcode);

public sealed record LegalStatusDetails(LegalStatusCategory Category, string? DocumentNumber, DateOnly? ValidUntil);

/// <summary>Why registration went ahead although possible duplicates were shown, and which.</summary>
public sealed record DuplicateOverride(string Reason, IReadOnlyList<Guid> CandidateIds);

public sealed record ClientRegistered(
    Guid ClientId,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string RegisteredBy,
    DateTimeOffset RegisteredAt)
{
    public IReadOnlyList<string> OtherNames { get; init; } = [];
    public bool DateOfBirthIsApproximate { get; init; }
    public Sex Sex { get; init; } = Sex.Unknown;
    public IReadOnlyList<string> Nationalities { get; init; } = [];
    public IReadOnlyList<LanguageSkill> Languages { get; init; } = [];
    public string? PreferredLanguage { get; init; }
    public bool InterpreterRequired { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public Address? Address { get; init; }
    public LegalStatusDetails? LegalStatus { get; init; }
    public IReadOnlyList<Vulnerability> Vulnerabilities { get; init; } = [];
    public string? Office { get; init; }
    public DuplicateOverride? DuplicateOverride { get; init; }

    public Matching.MatchSubject ToMatchSubject() =>
        new(GivenName, FamilyName, OtherNames, DateOfBirth, DateOfBirthIsApproximate, Nationalities, Sex);
}

public sealed record ContactChanged(Guid ClientId, string? Phone, string? Email, Address? Address, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record LanguagesChanged(
    Guid ClientId, IReadOnlyList<LanguageSkill> Languages, string? PreferredLanguage, bool InterpreterRequired,
    string ChangedBy, DateTimeOffset ChangedAt);

public sealed record LegalStatusChanged(Guid ClientId, LegalStatusDetails LegalStatus, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record ConsentGiven(
    Guid ClientId,
    Guid ConsentId,
    ConsentPurpose Purpose,
    Guid? RecipientOrganisationId,
    NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory> DataCategories,
    LawfulBasis LawfulBasis,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt,
    string? Evidence,
    string RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record ConsentWithdrawn(Guid ClientId, Guid ConsentId, string? Reason, string WithdrawnBy, DateTimeOffset WithdrawnAt);

/// <summary>Appended by the expiry sweep once a consent's <c>ExpiresAt</c> has passed, so every service hears of it.</summary>
public sealed record ConsentExpired(Guid ClientId, Guid ConsentId, DateTimeOffset ExpiresAt, DateTimeOffset RecordedAt);

public sealed record NeedAdded(Guid ClientId, Guid NeedId, NeedDomain Domain, Priority Priority, string Description, string AddedBy, DateTimeOffset AddedAt);

public sealed record NeedReprioritised(Guid ClientId, Guid NeedId, Priority Priority, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record NeedResolved(Guid ClientId, Guid NeedId, NeedOutcome Outcome, string? Note, string ResolvedBy, DateTimeOffset ResolvedAt);

public sealed record CaseClosed(Guid ClientId, CaseOutcome Outcome, string? Note, string ClosedBy, DateTimeOffset ClosedAt);

public sealed record CaseReopened(Guid ClientId, string Reason, string ReopenedBy, DateTimeOffset ReopenedAt);

/// <summary>
/// The client's personal data was erased: the stream's earlier events were masked in the same
/// transaction (<see cref="Erasing.ClientErasure"/>). <see cref="AwaitedServices"/> are the services
/// whose confirmation makes the erasure complete.
/// </summary>
public sealed record ClientErased(Guid ClientId, IReadOnlyList<string> AwaitedServices, string ErasedBy, DateTimeOffset ErasedAt);

/// <summary>Another service confirmed that it masked its copies of the client's data.</summary>
public sealed record ErasureConfirmed(Guid ClientId, string Service, DateTimeOffset ConfirmedAt, DateTimeOffset RecordedAt);

/// <summary>Staff corrected how the person is identified; the search and duplicate indexes follow.</summary>
public sealed record IdentityCorrected(
    Guid ClientId,
    string GivenName,
    string FamilyName,
    IReadOnlyList<string> OtherNames,
    DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate,
    Sex Sex,
    IReadOnlyList<string> Nationalities,
    string Reason,
    string CorrectedBy,
    DateTimeOffset CorrectedAt)
{
    public Matching.MatchSubject ToMatchSubject() =>
        new(GivenName, FamilyName, OtherNames, DateOfBirth, DateOfBirthIsApproximate, Nationalities, Sex);
}

public sealed record VulnerabilitiesCorrected(
    Guid ClientId, IReadOnlyList<Vulnerability> Vulnerabilities, string Reason, string CorrectedBy, DateTimeOffset CorrectedAt);

/// <summary>Staff as events name them: the account id and the name shown to colleagues.</summary>
public sealed record StaffMember(string Id, string Name);

/// <summary>The case worker responsible for the case; a reassignment gives its reason.</summary>
public sealed record CaseWorkerAssigned(Guid ClientId, StaffMember CaseWorker, string? Reason, string AssignedBy, DateTimeOffset AssignedAt);

/// <summary>The case moved to another one-stop-shop office; from now on that office's staff work with it.</summary>
public sealed record CaseTransferred(Guid ClientId, string? FromOffice, string ToOffice, string Reason, string TransferredBy, DateTimeOffset TransferredAt);

/// <summary>The client became a member of a household (appended with the household's own event, in one transaction).</summary>
public sealed record HouseholdJoined(Guid ClientId, Guid HouseholdId, Households.Relationship Relationship, string By, DateTimeOffset At);

public sealed record HouseholdLeft(Guid ClientId, Guid HouseholdId, string By, DateTimeOffset At);

/// <summary>Who the survivor is after a merge or an unmerge, so that intake's index finds them by every name they now carry.</summary>
public sealed record MergedIdentity(
    string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth, bool DateOfBirthIsApproximate,
    Sex Sex, IReadOnlyList<string> Nationalities)
{
    public Matching.MatchSubject ToMatchSubject() =>
        new(GivenName, FamilyName, OtherNames, DateOfBirth, DateOfBirthIsApproximate, Nationalities, Sex);
}

/// <summary>On the duplicate's stream: it is the same person as <see cref="SurvivorId"/>, whose record now carries its case.</summary>
public sealed record ClientMerged(Guid ClientId, Guid SurvivorId, string Reason, string MergedBy, DateTimeOffset MergedAt);

/// <summary>
/// On the survivor's stream: what it took from the duplicate (its names as other names, its needs,
/// consents and legal status history), recorded so that an unmerge gives back exactly that.
/// </summary>
public sealed record ClientAbsorbed(
    Guid ClientId, Guid DuplicateId, IReadOnlyList<string> OtherNames, IReadOnlyList<Need> Needs, IReadOnlyList<Consent> Consents,
    IReadOnlyList<LegalStatusEntry> LegalStatusHistory, MergedIdentity Identity, string Reason, string MergedBy, DateTimeOffset MergedAt)
{
    /// <summary>The duplicate's place in a household, which the survivor took; null when it had none.</summary>
    public HouseholdPlace? Household { get; init; }
}

/// <summary>
/// What a merge did to a household: the duplicate's relationship there, and the survivor's before the
/// merge (null when the survivor was not a member), so that an unmerge puts both back.
/// </summary>
public sealed record HouseholdPlace(Guid HouseholdId, Households.Relationship DuplicateRelationship, Households.Relationship? SurvivorRelationship);

/// <summary>On the duplicate's stream: the merge was wrong; its needs and consents come back as they are now.</summary>
public sealed record ClientUnmerged(
    Guid ClientId, Guid SurvivorId, IReadOnlyList<Need> Needs, IReadOnlyList<Consent> Consents, string Reason, string UnmergedBy,
    DateTimeOffset UnmergedAt);

/// <summary>On the survivor's stream: what it took from the duplicate goes back.</summary>
public sealed record ClientSplitOff(
    Guid ClientId, Guid DuplicateId, MergedIdentity Identity, string Reason, string UnmergedBy, DateTimeOffset UnmergedAt);

