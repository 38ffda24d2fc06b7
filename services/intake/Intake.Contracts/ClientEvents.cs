namespace Integration.Intake.Contracts;

// Integration events of intake besides registration. Additive changes only.

/// <summary>The client's contact details changed: where they live, phone and e-mail.</summary>
public sealed record ClientContactChanged(Guid ClientId, string? Municipality, DateTimeOffset ChangedAt)
{
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

/// <summary>The client's legal status changed (special-category data: shared with partners only under consent).</summary>
public sealed record ClientLegalStatusChanged(Guid ClientId, string Category, DateOnly? ValidUntil, DateTimeOffset ChangedAt);

public sealed record ClientLanguagesChanged(
    Guid ClientId, IReadOnlyList<LanguageSkill> Languages, string? PreferredLanguage, bool InterpreterRequired, DateTimeOffset ChangedAt);

/// <summary>
/// A consent is in force from <see cref="GivenAt"/> until withdrawn or <see cref="ExpiresAt"/>:
/// for <see cref="Purpose"/> (<c>referral</c>, …), to one organisation or one service category,
/// covering the named data categories (<c>identity</c>, <c>contact</c>, …).
/// </summary>
public sealed record ConsentGiven(
    Guid ClientId,
    Guid ConsentId,
    string Purpose,
    Guid? RecipientOrganisationId,
    string? RecipientServiceCategory,
    IReadOnlyList<string> DataCategories,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt);

public sealed record ConsentWithdrawn(Guid ClientId, Guid ConsentId, DateTimeOffset WithdrawnAt);

public sealed record ConsentExpired(Guid ClientId, Guid ConsentId, DateTimeOffset ExpiredAt);

public sealed record NeedAdded(Guid ClientId, Guid NeedId, string Domain, string Priority, string Description, DateTimeOffset AddedAt);

public sealed record NeedReprioritised(Guid ClientId, Guid NeedId, string Priority, DateTimeOffset ChangedAt);

public sealed record NeedResolved(Guid ClientId, Guid NeedId, string Outcome, DateTimeOffset ResolvedAt);

public sealed record CaseClosed(Guid ClientId, string Outcome, DateTimeOffset ClosedAt);

public sealed record CaseReopened(Guid ClientId, DateTimeOffset ReopenedAt);

/// <summary>
/// The client's personal data was erased at intake (GDPR art. 17). Every service that holds data
/// about the client masks it and answers with <see cref="ClientErasureConfirmed"/>; intake shows the
/// erasure as complete once all have.
/// </summary>
public sealed record ClientErased(Guid ClientId, DateTimeOffset ErasedAt);

/// <summary>
/// A service's answer to <see cref="ClientErased"/>: its copies of the client's personal data are
/// masked. Part of intake's erasure protocol, so intake defines it and every service publishes it
/// through its own relay; <see cref="Service"/> names the service.
/// </summary>
public sealed record ClientErasureConfirmed(Guid ClientId, string Service, DateTimeOffset ConfirmedAt);

/// <summary>Staff corrected how the client is identified (names, date of birth); partners see the corrected names under consent.</summary>
public sealed record ClientIdentityCorrected(Guid ClientId, string GivenName, string FamilyName, DateOnly DateOfBirth, DateTimeOffset CorrectedAt)
{
    /// <summary>As in <see cref="ClientRegistered.Sex"/>; absent from messages sent before it was added.</summary>
    public string? Sex { get; init; }

    /// <summary>As in <see cref="ClientRegistered.Nationalities"/>; absent (null) from messages sent before it was added.</summary>
    public IReadOnlyList<string>? Nationalities { get; init; }
}

/// <summary>
/// A plan's review found a goal achieved, and actions of the goal are paid by funding streams (their codes): the
/// funders' report counts the goal for each stream. Published at every review that finds it achieved; consumers count it once.
/// </summary>
public sealed record PlanGoalAchieved(Guid ClientId, Guid PlanId, Guid GoalId, IReadOnlyList<string> FundingStreams, DateOnly AchievedOn, DateTimeOffset At);

/// <summary>An action of the client's plan that a funding stream pays for was done: the person benefited from the stream.</summary>
public sealed record PlanActionDone(Guid ClientId, Guid PlanId, Guid ActionId, string FundingStream, DateOnly DoneOn, DateTimeOffset At);

/// <summary>The case moved to another one-stop-shop office; that office's staff now work with the client.</summary>
public sealed record ClientTransferred(Guid ClientId, string? FromOffice, string ToOffice, DateTimeOffset TransferredAt);

/// <summary>
/// Two records were one person: <see cref="DuplicateId"/> is merged into <see cref="SurvivorId"/>, whose
/// record now carries the duplicate's needs (<see cref="NeedIds"/>) and consents (<see cref="ConsentIds"/>).
/// Every service moves what it holds of the duplicate (referrals, bookings) to the survivor, and remembers
/// what it moved so that <see cref="ClientsUnmerged"/> can move exactly that back.
/// </summary>
public sealed record ClientsMerged(Guid SurvivorId, Guid DuplicateId, IReadOnlyList<Guid> NeedIds, IReadOnlyList<Guid> ConsentIds, DateTimeOffset MergedAt);

/// <summary>The merge of <see cref="DuplicateId"/> into <see cref="SurvivorId"/> was wrong: what moved at the merge moves back.</summary>
public sealed record ClientsUnmerged(Guid SurvivorId, Guid DuplicateId, DateTimeOffset UnmergedAt);

/// <summary>
/// A platform administrator onboarded a tenant (a city or a consortium): every service keeps a copy, accepts tokens naming it, and
/// sweeps its deadlines. <c>Offices</c> are its office codes; <c>DefaultLanguage</c> is the portal's language for its staff.
/// </summary>
public sealed record TenantOnboarded(
    string TenantId, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices, DateTimeOffset OnboardedAt);
