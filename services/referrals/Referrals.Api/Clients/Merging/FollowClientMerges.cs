using Integration.Eventing;
using Integration.Referrals.Consents;
using Integration.Referrals.Referrals;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Merging;

// Domain events of a merge as referrals records it. Marten stores their type names: never rename.

/// <summary>On the duplicate's client reference: its case now lives on the survivor's.</summary>
public sealed record ClientReferenceMergedInto(Guid ClientId, Guid SurvivorId, DateTimeOffset At);

/// <summary>On the duplicate's client reference: the merge was undone.</summary>
public sealed record ClientReferenceUnmerged(Guid ClientId, DateTimeOffset At);

/// <summary>On the survivor's client reference: the duplicate's needs, so its referrals and new ones find them.</summary>
public sealed record ClientNeedsAbsorbed(Guid ClientId, Guid DuplicateId, IReadOnlyList<ClientNeed> Needs, DateTimeOffset At);

/// <summary>On the survivor's client reference: the needs absorbed from the duplicate go back.</summary>
public sealed record ClientNeedsReturned(Guid ClientId, Guid DuplicateId, DateTimeOffset At);

/// <summary>On a referral (or a consent) of the duplicate: it now belongs to the survivor; <see cref="FromClientId"/> is kept for an unmerge.</summary>
public sealed record ReferralClientMerged(Guid ReferralId, Guid FromClientId, Guid ToClientId, DateTimeOffset At);

public sealed record ReferralClientUnmerged(Guid ReferralId, Guid ToClientId, DateTimeOffset At);

public sealed record ConsentReferenceMerged(Guid ConsentId, Guid FromClientId, Guid ToClientId, DateTimeOffset At);

public sealed record ConsentReferenceUnmerged(Guid ConsentId, Guid ToClientId, DateTimeOffset At);

/// <summary>
/// Intake merged two records of one person: the duplicate's referrals and consents move to the survivor
/// and the survivor's client reference takes the duplicate's needs, in one transaction, each remembering
/// where it came from. Merges and unmerges are applied by intake's times, whatever order they arrive in: the newest
/// decides where the duplicate's things are. A merge that arrives before either client is known is retried. Each stream is
/// appended to at the version the event store holds for it (not its snapshot's): a write that raced
/// the move makes the move retry.
/// </summary>
internal sealed class ClientsMergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsMerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsMerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (survivor, duplicate) = await ClientMerges.BothAsync(session, message.SurvivorId, message.DuplicateId, cancellationToken);
        if (duplicate.Aggregate!.MergeChangedAt >= message.MergedAt)
        {
            return;
        }

        duplicate.AppendOne(new ClientReferenceMergedInto(message.DuplicateId, message.SurvivorId, message.MergedAt));
        if (duplicate.Aggregate.MergedInto == message.SurvivorId)
        {
            // A merge again after an unmerge that has not arrived yet: its time, now noted, makes that older unmerge a no-op.
            return;
        }

        if (duplicate.Aggregate.MergedInto is { } previous)
        {
            // Merged elsewhere since the unmerge from that survivor, which has not arrived: its needs go back there first.
            await ClientMerges.AppendAsync<ClientReference>(session, previous, new ClientNeedsReturned(previous, message.DuplicateId, message.MergedAt),
                cancellationToken);
        }

        survivor.AppendOne(new ClientNeedsAbsorbed(message.SurvivorId, message.DuplicateId,
            [.. duplicate.Aggregate.Needs.Where(need => survivor.Aggregate!.FindNeed(need.Id) is null)], message.MergedAt));
        var moving = await session.Query<Referral>()
            .Where(referral => referral.ClientId == message.DuplicateId || referral.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var referral in moving)
        {
            await ClientMerges.AppendAsync<Referral>(session, referral.Id, new ReferralClientMerged(referral.Id, message.DuplicateId, message.SurvivorId, message.MergedAt), cancellationToken);
        }

        var consents = await session.Query<ConsentReference>()
            .Where(consent => consent.ClientId == message.DuplicateId || consent.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            await ClientMerges.AppendAsync<ConsentReference>(session, consent.Id, new ConsentReferenceMerged(consent.Id, message.DuplicateId, message.SurvivorId, message.MergedAt), cancellationToken);
        }
    }
}

/// <summary>
/// Intake undid a merge: what moved at the merge (and only that) moves back to the duplicate. Merges and
/// unmerges are applied in the order intake made them, by their times, whatever order they arrive in.
/// </summary>
internal sealed class ClientsUnmergedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ClientsUnmerged>(store, clock)
{
    protected override async Task ApplyAsync(IntakeEvents.ClientsUnmerged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (survivor, duplicate) = await ClientMerges.BothAsync(session, message.SurvivorId, message.DuplicateId, cancellationToken);
        if (duplicate.Aggregate!.MergeChangedAt >= message.UnmergedAt)
        {
            return;
        }

        if (duplicate.Aggregate.MergedInto != message.SurvivorId)
        {
            // The unmerge overtook its merge (queues keep no order between message types): noting its time makes the late merge a no-op.
            duplicate.AppendOne(new ClientReferenceUnmerged(message.DuplicateId, message.UnmergedAt));
            return;
        }

        survivor.AppendOne(new ClientNeedsReturned(message.SurvivorId, message.DuplicateId, message.UnmergedAt));
        duplicate.AppendOne(new ClientReferenceUnmerged(message.DuplicateId, message.UnmergedAt));
        var referrals = await session.Query<Referral>()
            .Where(referral => referral.ClientId == message.SurvivorId && referral.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            await ClientMerges.AppendAsync<Referral>(session, referral.Id, new ReferralClientUnmerged(referral.Id, message.DuplicateId, message.UnmergedAt), cancellationToken);
        }

        var consents = await session.Query<ConsentReference>()
            .Where(consent => consent.ClientId == message.SurvivorId && consent.MergedFromClientId == message.DuplicateId).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            await ClientMerges.AppendAsync<ConsentReference>(session, consent.Id, new ConsentReferenceUnmerged(consent.Id, message.DuplicateId, message.UnmergedAt), cancellationToken);
        }
    }
}

internal static class ClientMerges
{
    /// <summary>Appends at the stream's current version, read from the event store.</summary>
    public static async Task AppendAsync<T>(IDocumentSession session, Guid streamId, object change, CancellationToken cancellationToken)
        where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(streamId, cancellationToken);
        stream.AppendOne(change);
    }

    /// <summary>Both client references for writing; a merge that overtook a registration throws, and MassTransit's retry brings it back.</summary>
    public static async Task<(JasperFx.Events.IEventStream<ClientReference> Survivor, JasperFx.Events.IEventStream<ClientReference> Duplicate)> BothAsync(
        IDocumentSession session, Guid survivorId, Guid duplicateId, CancellationToken cancellationToken)
    {
        var survivor = await session.Events.FetchForWriting<ClientReference>(survivorId, cancellationToken);
        var duplicate = await session.Events.FetchForWriting<ClientReference>(duplicateId, cancellationToken);
        if (survivor.Aggregate is null || duplicate.Aggregate is null)
        {
            throw new InvalidOperationException($"Client {survivorId} or {duplicateId} is not known yet; the merge is retried.");
        }

        return (survivor, duplicate);
    }
}
