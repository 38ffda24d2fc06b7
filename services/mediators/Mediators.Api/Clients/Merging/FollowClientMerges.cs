using Integration.Eventing;
using Integration.Mediators.Bookings;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients.Merging;

// Domain events of the booking stream for a merge. Marten stores their type names: never rename.

/// <summary>The booking's client record was merged into <see cref="ToClientId"/>; <see cref="FromClientId"/> is kept for an unmerge.</summary>
public sealed record BookingClientMerged(Guid BookingId, Guid FromClientId, Guid ToClientId, DateTimeOffset At);

public sealed record BookingClientUnmerged(Guid BookingId, Guid ToClientId, DateTimeOffset At);

/// <summary>Intake merged two records of one person: the duplicate's bookings now belong to the survivor.</summary>
public sealed class ClientsMergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsMerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsMerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        foreach (var booking in await session.Query<Booking>().Where(booking => booking.ClientId == message.DuplicateId).ToListAsync(cancellationToken))
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking.Id, cancellationToken);
            stream.AppendOne(new BookingClientMerged(booking.Id, message.DuplicateId, message.SurvivorId, message.MergedAt));
        }
    }
}

/// <summary>Intake undid a merge: the bookings that moved at the merge, and only those, go back to the duplicate.</summary>
public sealed class ClientsUnmergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsUnmerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsUnmerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        var moved = await session.Query<Booking>()
            .Where(booking => booking.ClientId == message.SurvivorId && booking.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var booking in moved)
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking.Id, cancellationToken);
            stream.AppendOne(new BookingClientUnmerged(booking.Id, message.DuplicateId, message.UnmergedAt));
        }
    }
}
