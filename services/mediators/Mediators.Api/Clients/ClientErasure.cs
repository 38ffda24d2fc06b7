using Integration.Eventing;
using Integration.Mediators.Bookings;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients;

/// <summary>
/// Mediators' part of an erasure ordered at intake (docs/architecture.md, "Erasure"). Mediators
/// never held the client's name or birth date; what a booking can say about the person is where
/// the meeting is and why it was cancelled. In one transaction both are masked in every booking
/// of the client (<see cref="BookingClientErased"/> blanks the snapshots) and the reference is
/// marked erased; the relay publishes <see cref="IntakeEvents.ClientErasureConfirmed"/> for it.
/// Bookings keep language, specialism, times and status, so the demand report does not move, and
/// they still run: the mediator's time was booked.
/// </summary>
internal static class ClientErasure
{
    public static readonly PersonalDataMasking Masking = new PersonalDataMasking()
        .Mask<BookingRequested>(e => e with { Location = null })
        .Mask<BookingCancelled>(e => e with { Reason = PersonalDataMasking.Erased });
}

/// <summary>The client's data was erased at intake (<see cref="ClientErasure"/>); the relay confirms it to intake.</summary>
public sealed record ClientReferenceErased(Guid ClientId, DateTimeOffset ErasedAt, DateTimeOffset RecordedAt);

/// <summary>Applies <see cref="IntakeEvents.ClientErased"/> once; an erasure that overtakes the registration leaves an erased reference.</summary>
internal sealed class ClientErasedConsumer(IDocumentStore store, TimeProvider clock)
    : ClientErasureConsumer<IntakeEvents.ClientErased, ClientReference>(store, clock)
{
    protected override PersonalDataMasking Masking => ClientErasure.Masking;

    protected override Guid ClientId(IntakeEvents.ClientErased message) => message!.ClientId;

    protected override object ReferenceErased(IntakeEvents.ClientErased message, DateTimeOffset now) =>
        new ClientReferenceErased(message!.ClientId, message.ErasedAt, now);

    protected override async Task EraseRecordsAsync(Guid clientId, IDocumentSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bookings = await session.Query<Booking>().Where(booking => booking.ClientId == clientId)
            .Select(booking => booking.Id).ToListAsync(cancellationToken);
        foreach (var bookingId in bookings)
        {
            await ClientErasure.Masking.MaskAndRecordAsync<Booking>(session, bookingId, new BookingClientErased(bookingId, now), cancellationToken);
        }
    }
}
