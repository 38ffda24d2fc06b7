using Integration.Eventing;
using Integration.Mediators.Bookings;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients.Merging;

// Domain events of the booking stream for a merge. Marten stores their type names: never rename.

/// <summary>The booking's client record was merged into <see cref="ToClientId"/>; <see cref="FromClientId"/> is kept for an unmerge.</summary>
public sealed record BookingClientMerged(Guid BookingId, Guid FromClientId, Guid ToClientId, DateTimeOffset At)
{
    /// <summary>The survivor's office, which the booking now belongs to; absent when mediators did not know it (or before it was kept).</summary>
    public string? Office { get; init; }
}

public sealed record BookingClientUnmerged(Guid BookingId, Guid ToClientId, DateTimeOffset At)
{
    /// <summary>The duplicate's office, which the booking goes back to.</summary>
    public string? Office { get; init; }
}

// Domain events of the duplicate's client reference: they order merges and unmerges, which queues deliver in any order.

public sealed record ClientReferenceMergedInto(Guid ClientId, Guid SurvivorId, DateTimeOffset MergedAt);

public sealed record ClientReferenceUnmerged(Guid ClientId, DateTimeOffset UnmergedAt);

/// <summary>
/// Intake merged two records of one person: the duplicate's bookings now belong to the survivor. Merges and
/// unmerges are applied by intake's times, whatever order they arrive in: one older than the duplicate's last
/// merge or unmerge changes nothing, and the newest decides where the bookings are.
/// </summary>
internal sealed class ClientsMergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsMerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsMerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var duplicate = await ClientMerges.DuplicateAsync(session, message.DuplicateId, cancellationToken);
        if (duplicate.Aggregate!.MergeChangedAt >= message.MergedAt)
        {
            return;
        }

        duplicate.AppendOne(new ClientReferenceMergedInto(message.DuplicateId, message.SurvivorId, message.MergedAt));
        // The duplicate's bookings, and those an earlier merge moved elsewhere when that survivor's unmerge has not arrived yet.
        var survivorOffice = (await session.LoadAsync<ClientReference>(message.SurvivorId, cancellationToken))?.Office;
        var moving = await session.Query<Booking>()
            .Where(booking => (booking.ClientId == message.DuplicateId || booking.MergedFromClientId == message.DuplicateId) && booking.ClientId != message.SurvivorId)
            .ToListAsync(cancellationToken);
        foreach (var booking in moving)
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking.Id, cancellationToken);
            stream.AppendOne(new BookingClientMerged(booking.Id, message.DuplicateId, message.SurvivorId, message.MergedAt) { Office = survivorOffice });
        }
    }
}

/// <summary>Intake undid a merge: the bookings that moved at the merge, and only those, go back to the duplicate.</summary>
internal sealed class ClientsUnmergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsUnmerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsUnmerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var duplicate = await ClientMerges.DuplicateAsync(session, message.DuplicateId, cancellationToken);
        if (duplicate.Aggregate!.MergeChangedAt >= message.UnmergedAt)
        {
            return;
        }

        duplicate.AppendOne(new ClientReferenceUnmerged(message.DuplicateId, message.UnmergedAt));
        if (duplicate.Aggregate.MergedInto != message.SurvivorId)
        {
            // The unmerge overtook its merge: the time just noted makes the late merge a no-op, and nothing has moved yet.
            return;
        }

        var moved = await session.Query<Booking>()
            .Where(booking => booking.ClientId == message.SurvivorId && booking.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var booking in moved)
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking.Id, cancellationToken);
            stream.AppendOne(new BookingClientUnmerged(booking.Id, message.DuplicateId, message.UnmergedAt) { Office = duplicate.Aggregate.Office });
        }
    }
}

internal static class ClientMerges
{
    /// <summary>The duplicate's reference for writing; a merge that overtook its registration throws, and MassTransit's retry brings it back.</summary>
    public static async Task<JasperFx.Events.IEventStream<ClientReference>> DuplicateAsync(IDocumentSession session, Guid duplicateId,
        CancellationToken cancellationToken)
    {
        var duplicate = await session.Events.FetchForWriting<ClientReference>(duplicateId, cancellationToken);
        return duplicate.Aggregate is null
            ? throw new InvalidOperationException($"Client {duplicateId} is not known yet; the merge is retried.")
            : duplicate;
    }
}
