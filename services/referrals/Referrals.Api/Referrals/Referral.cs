using Integration.Eventing;

namespace Integration.Referrals.Referrals;

/// <summary>
/// The closed loop (docs/domain.md, "Concepts"): sent → accepted / declined / waitlisted → first contact →
/// completed, or no-show, withdrawn, redirected; suspended when the consent covering it ends.
/// </summary>
public enum ReferralStatus { Sent, Accepted, Declined, Waitlisted, InContact, Completed, NoShow, Withdrawn, Redirected, Suspended }

public enum DeclineReason { NoCapacity, NotEligible, OutOfArea, ClientDeclined, Duplicate, Other }

public enum ReferralOutcome { ServiceDelivered, PartiallyDelivered, NotDelivered, ClientWithdrew, Other }

/// <summary>
/// One line of a referral's timeline: who took which step (<see cref="ReferralStep"/>), when, and its
/// facts. No words: readers word it. What staff typed (a decline note, a withdrawal reason) is
/// <see cref="Note"/>, so an erasure can mask it and leave the line.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string By, string Type)
{
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    public string? Note { get; init; }

    /// <summary>The line for a step; <paramref name="withNote"/> false leaves out a note that is not the step's own.</summary>
    public static TimelineEntry For(ReferralStep step, bool withNote = true) =>
        new(step.At, step.By, step.Type) { Facts = step.Facts, Note = withNote ? step.Note : null };
}

/// <summary>The referral's state, folded inline from its stream; readers get it as a <see cref="Reading.ReferralView"/>.</summary>
public sealed record Referral(
    Guid Id,
    Guid ClientId,
    Guid NeedId,
    Guid ServiceId,
    string ServiceName,
    Guid OrganisationId,
    string OrganisationName,
    NeedDomain Category,
    Priority Urgency,
    string? Note,
    string Office,
    ReferralStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ResponseDueAt,
    bool IsOverdue,
    DateTimeOffset? RespondedAt,
    DeclineReason? DeclineReason,
    DateOnly? WaitlistedUntil,
    DateTimeOffset? FirstContactAt,
    ReferralOutcome? Outcome,
    Guid? RedirectedFrom,
    Guid? RedirectedTo,
    IReadOnlyList<TimelineEntry> Timeline,
    int Version) : IStreamReadModel
{
    public const string System = "system";

    /// <summary>Set once intake erased the client: the notes are masked and the referral takes no more actions.</summary>
    public DateTimeOffset? ClientErasedAt { get; init; }

    /// <summary>The referring case worker's name, the partner's contact for the referral; absent on referrals sent before it was kept.</summary>
    public string? SentByName { get; init; }

    /// <summary>The client this referral was made for, while intake has that record merged into <see cref="ClientId"/>.</summary>
    public Guid? MergedFromClientId { get; init; }

    public Referral Apply(Clients.Merging.ReferralClientMerged e) => this with { ClientId = e.ToClientId, MergedFromClientId = e.FromClientId };

    public Referral Apply(Clients.Merging.ReferralClientUnmerged e) => this with { ClientId = e.ToClientId, MergedFromClientId = null };

    /// <summary>The funding stream that pays for the referral (<see cref="ReferralSent.FundingStream"/>).</summary>
    public string? FundingStream { get; init; }

    /// <summary>The shared progress (e-folder): what the case worker and the recipient organisation tell each other about the client.</summary>
    public IReadOnlyList<ReferralUpdate> Updates { get; init; } = [];

    /// <summary>The sent line has no note: the referral's note is its own field, shown as consent allows.</summary>
    public static Referral Create(ReferralSent e)
    {
        return new(e.ReferralId, e.ClientId, e.NeedId, e.ServiceId, e.ServiceName, e.OrganisationId, e.OrganisationName, e.Category, e.Urgency,
            e.Note, e.Office, ReferralStatus.Sent, e.SentBy, e.SentAt, e.ResponseDueAt, IsOverdue: false, RespondedAt: null, DeclineReason: null,
            WaitlistedUntil: null, FirstContactAt: null, Outcome: null, e.RedirectedFrom, RedirectedTo: null,
            [TimelineEntry.For(ReferralSteps.Of(e)!, withNote: false)], Version: 1)
        {
            SentByName = e.SentByName,
            FundingStream = e.FundingStream,
        };
    }

    public Referral Apply(ReferralAccepted e) =>
        Moved(e) with { RespondedAt = RespondedAt ?? e.At };

    public Referral Apply(ReferralDeclined e) =>
        Moved(e) with
        {
            RespondedAt = RespondedAt ?? e.At,
            DeclineReason = e.Reason,
        };

    public Referral Apply(ReferralWaitlisted e) =>
        Moved(e) with
        {
            RespondedAt = RespondedAt ?? e.At,
            WaitlistedUntil = e.EstimatedDate,
        };

    public Referral Apply(FirstContactRecorded e) =>
        Moved(e) with
        {
            FirstContactAt = e.ContactAt,
        };

    public Referral Apply(ReferralCompleted e) =>
        Moved(e) with
        {
            Outcome = e.Outcome,
        };

    public Referral Apply(NoShowRecorded e) => Moved(e);

    public Referral Apply(ReferralWithdrawn e) => Moved(e);

    public Referral Apply(ReferralRedirected e) =>
        Moved(e) with
        {
            RedirectedTo = e.NewReferralId,
        };

    public Referral Apply(ReferralBecameOverdue e) =>
        this with
        {
            IsOverdue = true,
            Timeline = [.. Timeline, TimelineEntry.For(ReferralSteps.Of(e)!)],
        };

    public Referral Apply(ReferralSuspended e) =>
        Moved(e);

    public Referral Apply(ReferralUpdatePosted e) => this with
    {
        Updates = [.. Updates, new ReferralUpdate(e.UpdateId, e.At, new UpdateAuthor(e.ByName ?? e.By, e.OrganisationName), e.Text)],
    };

    /// <summary>The notes go the way of the events' (<see cref="ReferralErasure"/>); status and dates stay, so the referral is still counted.</summary>
    public Referral Apply(ReferralClientErased e) => this with
    {
        ClientErasedAt = e.At,
        Updates = [.. Updates.Select(update => update with { Text = PersonalDataMasking.Erased })],
        Note = PersonalDataMasking.Text(Note),
        Timeline = [.. Timeline.Select(entry => entry with { Note = PersonalDataMasking.Text(entry.Note) })],
    };

    private Referral Moved(object e) =>
        ReferralSteps.Of(e) is { After: { } status } step
            ? this with { Status = status, Timeline = [.. Timeline, TimelineEntry.For(step)] }
            : throw new ArgumentException($"{e.GetType().Name} is not a step that moves a referral.", nameof(e));
}

// Domain events of the referral stream. Marten stores their type names: never rename; add members
// with defaults, or upcast. Every one says who and when.

public sealed record ReferralSent(
    Guid ReferralId,
    Guid ClientId,
    Guid NeedId,
    Guid ServiceId,
    string ServiceName,
    Guid OrganisationId,
    string OrganisationName,
    NeedDomain Category,
    Priority Urgency,
    string? Note,
    string Office,
    DateTimeOffset ResponseDueAt,
    Guid? RedirectedFrom,
    IReadOnlyList<Guid> CoveringConsents,
    string SentBy,
    DateTimeOffset SentAt)
{
    public string? SentByName { get; init; }

    /// <summary>The funding stream that pays for the referral: its service's, when that stream runs on the day it is sent.</summary>
    public string? FundingStream { get; init; }
}

public sealed record ReferralAccepted(Guid ReferralId, string By, DateTimeOffset At);

public sealed record ReferralDeclined(Guid ReferralId, DeclineReason Reason, string? Note, string By, DateTimeOffset At);

public sealed record ReferralWaitlisted(Guid ReferralId, DateOnly? EstimatedDate, string By, DateTimeOffset At);

public sealed record FirstContactRecorded(Guid ReferralId, DateTimeOffset ContactAt, string By, DateTimeOffset At);

public sealed record ReferralCompleted(Guid ReferralId, ReferralOutcome Outcome, string? Note, string By, DateTimeOffset At);

public sealed record NoShowRecorded(Guid ReferralId, string By, DateTimeOffset At);

public sealed record ReferralWithdrawn(Guid ReferralId, string Reason, string By, DateTimeOffset At);

public sealed record ReferralRedirected(Guid ReferralId, Guid NewReferralId, Guid ServiceId, string ServiceName, string? Note, string By, DateTimeOffset At);

public sealed record ReferralBecameOverdue(Guid ReferralId, DateTimeOffset DueAt, DateTimeOffset At);

public sealed record ReferralSuspended(Guid ReferralId, Guid ConsentId, DateTimeOffset At);

/// <summary>An update on the referral's shared progress; <see cref="OrganisationName"/> when a partner posted it.</summary>
public sealed record ReferralUpdatePosted(Guid ReferralId, Guid UpdateId, string Text, string By, string? ByName, string? OrganisationName, DateTimeOffset At);

public sealed record UpdateAuthor(string Name, string? Organisation);

public sealed record ReferralUpdate(Guid UpdateId, DateTimeOffset At, UpdateAuthor By, string Text);

/// <summary>Intake erased the referral's client; the stream's notes were masked in the same transaction.</summary>
public sealed record ReferralClientErased(Guid ReferralId, DateTimeOffset At);
