namespace Integration.Mediators.Contracts;

// Mediators' integration events, published by the relay with the mediators event id as message id.
// Contracts change additively only: add properties and step values, never rename or remove.

/// <summary>
/// One step in the life of a mediator booking made for a client, for the client's timeline and the
/// office's worklist in intake. <see cref="Step"/>: <c>requested</c>, <c>assigned</c>,
/// <c>unfilled</c>, <c>confirmed</c>, <c>cancelled</c>, <c>completed</c>, <c>no_show</c>, <c>withdrawn</c>
/// (the assigned mediator cannot attend; the booking is unfilled until someone else is found).
/// <see cref="Status"/> is the booking's status after the step; <see cref="Sequence"/> orders the
/// steps of the service (a consumer keeps the latest). <see cref="Facts"/> holds the step's values
/// (<c>mediator_name</c>, <c>actual_minutes</c>, …); <see cref="Note"/> what staff typed (a
/// cancellation reason), which goes only to intake, the keeper of the client's erasure.
/// </summary>
public sealed record BookingActivity(
    Guid BookingId, Guid? ClientId, string Step, string Status, string Summary, string By, string? ByName, DateTimeOffset At, long Sequence)
{
    public string Language { get; init; } = "";
    public DateTimeOffset Start { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
    public string? Note { get; init; }

    /// <summary>The code of the funding stream that pays for the booking, when one does: the funders' report counts its hours.</summary>
    public string? FundingStream { get; init; }
}
