using Integration.Eventing;
using Integration.Mediators.Pool;

namespace Integration.Mediators.Bookings;

/// <summary>
/// assigned (a mediator was picked) → confirmed → completed or no-show; cancelled from any open
/// status; unfilled when nobody fitted, until a mediator becomes free before the start.
/// </summary>
public enum BookingStatus { Assigned, Unfilled, Confirmed, Completed, Cancelled, NoShow }

/// <summary>
/// One line of a booking's timeline: who took which step (<see cref="BookingStep"/>), when, and its
/// facts. No words: readers word it. What staff typed (a cancellation reason) is <see cref="Note"/>,
/// so an erasure can mask it and leave the line.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string By, string Type)
{
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    public string? Note { get; init; }

    public static TimelineEntry For(BookingStep step) => new(step.At, step.By, step.Type) { Facts = step.Facts, Note = step.Note };
}

/// <summary>A request for a mediator and what became of it, folded inline from its stream.</summary>
public sealed record Booking(
    Guid Id,
    string Language,
    string? Dialect,
    Specialism? Specialism,
    MediationMode Mode,
    DateTimeOffset Start,
    int DurationMinutes,
    DateTimeOffset End,
    string? Location,
    Guid? ClientId,
    Guid? ReferralId,
    BookingStatus Status,
    Guid? MediatorId,
    string? MediatorName,
    bool DialectMatched,
    IReadOnlyList<Guid> ReservedDays,
    string RequestedBy,
    Guid? RequesterOrganisation,
    DateTimeOffset RequestedAt,
    int? ActualMinutes,
    string? CancellationReason,
    IReadOnlyList<TimelineEntry> Timeline,
    int Version) : IStreamReadModel
{
    public const string System = "system";

    /// <summary>Set once intake erased the booking's client: the location and notes are masked, and later ones are not kept.</summary>
    public DateTimeOffset? ClientErasedAt { get; init; }

    /// <summary>The requester's display name, for the mediator who has to know whom to ask about the appointment.</summary>
    public string? RequestedByName { get; init; }

    /// <summary>The client the booking was made for, while intake has that record merged into <see cref="ClientId"/>.</summary>
    public Guid? MergedFromClientId { get; init; }

    public Booking Apply(Clients.Merging.BookingClientMerged e) =>
        this with { ClientId = e.ToClientId, MergedFromClientId = e.FromClientId, Office = e.Office ?? Office };

    public Booking Apply(Clients.Merging.BookingClientUnmerged e) => this with { ClientId = e.ToClientId, MergedFromClientId = null, Office = e.Office ?? Office };

    /// <summary>
    /// The office whose staff work with the booking: its client's office (following the client's transfers
    /// and merges), else the office of whoever asked. Null for a partner's booking without a client, and for
    /// bookings made before it was kept: those only coordinators see.
    /// </summary>
    public string? Office { get; init; }

    /// <summary>The code of the funding stream that pays for the mediation (<see cref="BookingRequested.FundingStream"/>).</summary>
    public string? FundingStream { get; init; }

    public Booking Apply(BookingOfficeChanged e) => this with { Office = e.Office };

    /// <summary>Mediators who said they cannot attend: matching does not offer this booking to them again.</summary>
    public IReadOnlyList<Guid> WithdrawnMediators { get; init; } = [];

    public static Booking Create(BookingRequested e)
    {
        return new(e.BookingId, e.Language, e.Dialect, e.Specialism, e.Mode, e.Start, e.DurationMinutes, e.Start.AddMinutes(e.DurationMinutes),
            e.Location, e.ClientId, e.ReferralId, BookingStatus.Unfilled, MediatorId: null, MediatorName: null, DialectMatched: false,
            ReservedDays: [], e.RequestedBy, e.RequesterOrganisation, e.RequestedAt, ActualMinutes: null, CancellationReason: null,
            [TimelineEntry.For(BookingSteps.Of(e)!)],
            Version: 1)
        {
            RequestedByName = e.RequestedByName,
            Office = e.Office,
            FundingStream = e.FundingStream,
        };
    }

    public Booking Apply(MediatorAssigned e) =>
        Moved(e) with
        {
            MediatorId = e.MediatorId,
            MediatorName = e.MediatorName,
            DialectMatched = e.DialectMatched,
            ReservedDays = e.ReservedDays,
        };

    public Booking Apply(NoMediatorFound e) =>
        Moved(e);

    public Booking Apply(BookingConfirmed e) => Moved(e);

    public Booking Apply(BookingCancelled e) =>
        Moved(e) with { CancellationReason = e.Reason, ReservedDays = [] };

    public Booking Apply(MediatorWithdrew e) =>
        Moved(e) with
        {
            MediatorId = null,
            MediatorName = null,
            DialectMatched = false,
            ReservedDays = [],
            WithdrawnMediators = [.. WithdrawnMediators, e.MediatorId],
        };

    public Booking Apply(BookingCompleted e) =>
        Moved(e) with { ActualMinutes = e.ActualMinutes };

    public Booking Apply(BookingNoShowRecorded e) => Moved(e);

    public Booking Apply(BookingClientErased e) => this with
    {
        ClientErasedAt = e!.At,
        Location = null,
        CancellationReason = PersonalDataMasking.Text(CancellationReason),
        Timeline = [.. Timeline.Select(entry => entry with { Note = PersonalDataMasking.Text(entry.Note) })],
    };

    private Booking Moved(object e) =>
        BookingSteps.Of(e) is { } step
            ? this with { Status = step.After, Timeline = [.. Timeline, TimelineEntry.For(step)] }
            : throw new ArgumentException($"{e.GetType().Name} is not a step of a booking.", nameof(e));
}

// Domain events of the booking stream. Marten stores their type names: never rename.

public sealed record BookingRequested(
    Guid BookingId,
    string Language,
    string? Dialect,
    Specialism? Specialism,
    MediationMode Mode,
    DateTimeOffset Start,
    int DurationMinutes,
    string? Location,
    Guid? ClientId,
    Guid? ReferralId,
    string RequestedBy,
    Guid? RequesterOrganisation,
    DateTimeOffset RequestedAt)
{
    /// <summary>The requester's name as their token gives it; absent on requests made before it was kept.</summary>
    public string? RequestedByName { get; init; }

    /// <summary>The office whose staff work with the booking (<see cref="Booking.Office"/>); absent on requests made before it was kept.</summary>
    public string? Office { get; init; }

    /// <summary>The code of the funding stream that pays for the mediation, as the request named it; it runs on the day of the appointment.</summary>
    public string? FundingStream { get; init; }
}

/// <summary>The booking's client moved to another office at intake: the booking goes with them.</summary>
public sealed record BookingOfficeChanged(Guid BookingId, string Office, DateTimeOffset At);

/// <summary>A mediator was picked; <see cref="ReservedDays"/> are the day streams holding the reservation.</summary>
public sealed record MediatorAssigned(
    Guid BookingId, Guid MediatorId, string MediatorName, bool DialectMatched, IReadOnlyList<Guid> ReservedDays, DateTimeOffset At);

public sealed record NoMediatorFound(Guid BookingId, DateTimeOffset At);

public sealed record BookingConfirmed(Guid BookingId, string By, DateTimeOffset At);

public sealed record BookingCancelled(Guid BookingId, string Reason, string By, DateTimeOffset At);

/// <summary>The assigned mediator cannot attend: the booking is unfilled again and offered to anyone else who fits.</summary>
public sealed record MediatorWithdrew(Guid BookingId, Guid MediatorId, string MediatorName, string Reason, string By, DateTimeOffset At);

public sealed record BookingCompleted(Guid BookingId, int ActualMinutes, string By, DateTimeOffset At);

public sealed record BookingNoShowRecorded(Guid BookingId, string By, DateTimeOffset At);

/// <summary>Intake erased the booking's client; the stream's location and reasons were masked in the same transaction.</summary>
public sealed record BookingClientErased(Guid BookingId, DateTimeOffset At);
