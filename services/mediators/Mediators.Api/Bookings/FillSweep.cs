using Integration.Eventing;
using Marten;

namespace Integration.Mediators.Bookings;

/// <summary>
/// Fills unfilled bookings when a matching mediator becomes free before the start: runs every
/// <c>Mediators:FillSweepInterval</c> (default 1 min) and at once when availability changes, a
/// mediator is reactivated or a booking is cancelled. The soonest 200 waiting bookings are tried
/// per run; one that loses a race with another booking waits for the next run.
/// </summary>
public sealed class FillSweep(IDocumentStore store, Matching matching, TimeProvider clock, IConfiguration configuration, FillSignal signal,
    ILogger<FillSweep> logger)
    : PeriodicSweep(clock, configuration.GetValue("Mediators:FillSweepInterval", TimeSpan.FromMinutes(1)), logger, signal)
{
    private const int BatchSize = 200;

    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<Guid> waiting;
        await using (var query = store.QuerySession())
        {
            waiting = await query.Query<Booking>()
                .Where(booking => booking.Status == BookingStatus.Unfilled && booking.Start > now)
                .OrderBy(booking => booking.Start).Select(booking => booking.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var id in waiting)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Booking>(id, cancellationToken);
            if (stream.Aggregate is not { Status: BookingStatus.Unfilled } booking)
            {
                continue;
            }

            var need = MediatorNeed.Of(booking);
            if (await matching.FindAsync(session, need, cancellationToken) is not { } assignment)
            {
                continue;
            }

            stream.AppendOne(Matching.Assigned(id, assignment, now));
            Matching.Reserve(session, assignment, id, need, now);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception exception) when (StreamWrites.IsLostRace(exception))
            {
                // Another booking took the mediator, or the booking changed: the next run looks again.
            }
        }
    }
}
