using System.Diagnostics;
using Integration.Eventing;
using Integration.Mediators.Pool;
using Marten;

namespace Integration.Mediators.Bookings;

/// <summary>
/// Fills unfilled bookings when a matching mediator becomes free before the start: runs every
/// <c>Mediators:FillSweepInterval</c> (default 1 min) and at once when availability changes, a
/// mediator is reactivated or a booking is cancelled (in the process where the sweep runs: API
/// replicas without the daemon leave it to the interval). The soonest 1,000 waiting bookings in a
/// language someone in the pool speaks are tried per run; one that loses a race waits for the next run.
/// </summary>
public sealed class FillSweep(IDocumentStore store, Matching matching, TimeProvider clock, IConfiguration configuration, FillSignal signal,
    ILogger<FillSweep> logger)
    : PeriodicSweep(store, clock, configuration.GetValue("Mediators:FillSweepInterval", TimeSpan.FromMinutes(1)), logger, signal)
{
    private const int BatchSize = 1000;

    protected override async Task SweepTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<Guid> waiting;
        await using (var query = Store.QuerySession(tenant))
        {
            // Only languages someone in the pool works in: requests nobody could take (the unmet
            // demand the report counts) must not crowd out those a new mediator could fill.
            string[] served = [.. (await query.Query<Mediator>().Where(mediator => mediator.Active).Select(mediator => mediator.LanguageCodes)
                .ToListAsync(cancellationToken)).SelectMany(codes => codes).Distinct(StringComparer.Ordinal)];
            waiting = await query.Query<Booking>()
                .Where(booking => booking.Status == BookingStatus.Unfilled && booking.Start > now && booking.Language.IsOneOf(served))
                .OrderBy(booking => booking.Start).Select(booking => booking.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        // Bookings that wait for a language nobody is free for are looked at every run: the run's trace starts at the first it fills.
        Activity? acting = null;
        try
        {
            foreach (var id in waiting)
            {
                await using var session = Store.LightweightSession(tenant);
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

                acting ??= StartActing(waiting.Count);
                session.Stamp();
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
        finally
        {
            acting?.Dispose();
        }
    }
}
