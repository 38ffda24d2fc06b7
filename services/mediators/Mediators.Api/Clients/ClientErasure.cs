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
/// Bookings keep language, specialism and times, so the demand report still counts them; those still
/// to come are cancelled with the reason <c>[erased]</c> and the mediator's time freed: the person will
/// not come.
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
        var bookings = await session.Query<Booking>().Where(booking => booking.ClientId == clientId).ToListAsync(cancellationToken);
        var coming = bookings.Where(booking => booking.Start > now
            && booking.Status is BookingStatus.Assigned or BookingStatus.Confirmed or BookingStatus.Unfilled).ToList();
        await Matching.ReleaseAsync(session, coming, now, cancellationToken);
        foreach (var booking in bookings)
        {
            object[] cancelled = coming.Contains(booking) ? [new BookingCancelled(booking.Id, PersonalDataMasking.Erased, Booking.System, now)] : [];
            await ClientErasure.Masking.MaskAndRecordAsync<Booking>(session, booking.Id, new BookingClientErased(booking.Id, now), cancellationToken,
                cancelled);
        }
    }
}
