using Integration.Eventing;
using Marten;
using MediatorEvents = Integration.Mediators.Contracts;

namespace Integration.Intake.Timeline.Feeding;

/// <summary>
/// Files every step of a client's mediator bookings on the case's timeline and keeps the booking's
/// follow-up for the worklist (unfilled requests). Idempotent by message id; a late step never rolls
/// the follow-up back.
/// </summary>
internal sealed class BookingActivityConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<MediatorEvents.BookingActivity>(store, clock)
{
    protected override async Task ApplyAsync(MediatorEvents.BookingActivity message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (message.ClientId is not { } clientId || await CaseFollowUps.OpenCaseAsync(session, clientId, cancellationToken) is null)
        {
            return;
        }

        var details = new Dictionary<string, string>(message.Facts) { ["booking_id"] = message.BookingId.ToString(), ["language"] = message.Language };
        if (message.Note is { } note)
        {
            details["note"] = note;
        }

        session.Store(new TimelineEntry(DeterministicIds.From($"booking-activity:{message.BookingId}:{message.Sequence}"), clientId, message.At,
            TimelineEntry.Staff(message.By, message.ByName), "mediators", $"booking.{message.Step}", message.Summary, details));

        if (await session.LoadAsync<BookingFollowUp>(message.BookingId, cancellationToken) is { } current && current.Sequence >= message.Sequence)
        {
            return;
        }

        session.Store(new BookingFollowUp(message.BookingId, clientId, message.Status, message.Language, message.Start, message.Sequence));
    }
}
