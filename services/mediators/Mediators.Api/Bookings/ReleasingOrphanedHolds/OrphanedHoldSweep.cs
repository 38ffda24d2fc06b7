using Integration.Eventing;
using Marten;

namespace Integration.Mediators.Bookings.ReleasingOrphanedHolds;

/// <summary>
/// Releases hours held for bookings that were never saved. Where each tenant has a database of its own, booking a mediator claims the
/// hour on the mediator's day stream (in the default tenant's database, <see cref="MediatorDay.Partition"/>) and commits that claim just
/// before the booking (<see cref="AcrossTenants"/>); if the booking's commit then fails, the hour stays held by a booking that exists
/// nowhere: never a double booking, but an hour nobody can book. Every <c>Mediators:OrphanedHoldSweepInterval</c> (default 1 h) this
/// sweep looks at the holds on days not yet past, keeps those younger than <c>Mediators:OrphanedHoldGrace</c> (default 10 min, so a
/// booking whose commit is still on its way is never taken for lost) and those whose booking any tenant has, and releases the rest.
/// It runs in that storage mode only: with one database the claim and the booking commit together.
/// </summary>
public sealed class OrphanedHoldSweep(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<OrphanedHoldSweep> logger)
    : PeriodicSweep(store, clock, configuration.GetValue("Mediators:OrphanedHoldSweepInterval", TimeSpan.FromHours(1)), logger)
{
    private readonly TimeSpan grace = configuration.GetValue("Mediators:OrphanedHoldGrace", TimeSpan.FromMinutes(10));

    /// <summary>The day streams are all in one partition: the sweep acts there, and reads the other tenants only for their bookings.</summary>
    protected override async Task SweepTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        if (tenant != MediatorDay.Partition)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IReadOnlyList<MediatorDay> days;
        await using (var query = Store.QuerySession(MediatorDay.Partition))
        {
            days = await query.Query<MediatorDay>().Where(day => day.Date >= today).ToListAsync(cancellationToken);
        }

        var unsaved = days.SelectMany(day => day.Reservations)
            .Where(reservation => reservation.ReservedAt is not { } reservedAt || reservedAt < now - grace)
            .Select(reservation => reservation.BookingId)
            .ToHashSet();
        foreach (var storageId in await TenantDirectory.StorageIdsAsync(Store, cancellationToken))
        {
            if (unsaved.Count == 0)
            {
                return;
            }

            Guid[] ids = [.. unsaved];
            await using var bookings = Store.QuerySession(storageId);
            unsaved.ExceptWith(await bookings.Query<Booking>().Where(booking => booking.Id.IsOneOf(ids)).Select(booking => booking.Id)
                .ToListAsync(cancellationToken));
        }

        using var acting = StartActing(unsaved.Count);
        foreach (var day in days)
        {
            List<Guid> released = [.. day.Reservations.Select(reservation => reservation.BookingId).Where(unsaved.Contains).Distinct()];
            if (released.Count == 0)
            {
                continue;
            }

            await using var session = Store.LightweightSession(MediatorDay.Partition);
            session.Stamp();
            session.Events.Append(day.Id, day.Version + released.Count, [.. released.Select(bookingId => (object)new MediatorReleased(day.Id, bookingId, now))]);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception exception) when (StreamWrites.IsLostRace(exception))
            {
                // A booking took or released an hour of the day meanwhile: the next run looks at it again.
            }
        }
    }
}
