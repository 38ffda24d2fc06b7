using Integration.Eventing;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Mediators.Bookings;

/// <summary>
/// Bookings linked to a referral follow it: when the referral is withdrawn, its open bookings are
/// cancelled and the mediators' time freed, in the same transaction as the processed-message marker.
/// </summary>
internal sealed class ReferralWithdrawnConsumer(IDocumentStore store, TimeProvider clock, FillSignal fill)
    : IdempotentConsumer<ReferralEvents.ReferralWithdrawn>(store, clock)
{
    private readonly TimeProvider clock = clock;

    private static readonly BookingStatus[] Open = [BookingStatus.Assigned, BookingStatus.Confirmed, BookingStatus.Unfilled];

    private bool released;

    protected override async Task ApplyAsync(ReferralEvents.ReferralWithdrawn message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var linked = await session.Query<Booking>()
            .Where(booking => booking.ReferralId == message.ReferralId && booking.Status.IsOneOf(Open))
            .ToListAsync(cancellationToken);
        foreach (var booking in linked)
        {
            session.Events.Append(booking.Id, booking.Version + 1,
                Cancelling.CancellingBooking.Decide(booking, "The referral this booking was for was withdrawn.", Booking.System, now));
        }

        await Matching.ReleaseAsync(session, linked, now, cancellationToken);
        released = linked.Count > 0;
    }

    protected override void Committed()
    {
        if (released)
        {
            fill.Raise();
        }
    }
}
