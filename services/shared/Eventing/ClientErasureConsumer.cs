using Marten;

namespace Integration.Eventing;

/// <summary>A service's copy of a client that an erasure blanks; <see cref="ErasedAt"/> is set once it has.</summary>
public interface IErasableReadModel
{
    DateTimeOffset? ErasedAt { get; }
}

/// <summary>
/// How a service applies intake's erasure, once: its client reference stream is masked and records
/// the erasure (the relay confirms that event to intake), then <see cref="EraseRecordsAsync"/> masks
/// what the service holds about the client, all in one transaction. An erasure that overtakes the
/// registration starts the reference stream erased, so the late registration finds it and is dropped.
/// </summary>
public abstract class ClientErasureConsumer<TMessage, TReference>(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<TMessage>(store, clock)
    where TMessage : class
    where TReference : class, IErasableReadModel
{
    private readonly TimeProvider clock = clock;

    protected abstract PersonalDataMasking Masking { get; }

    protected abstract Guid ClientId(TMessage message);

    /// <summary>The event of the reference stream that records the erasure.</summary>
    protected abstract object ReferenceErased(TMessage message, DateTimeOffset now);

    /// <summary>Masks the service's records of the client (referrals, bookings) in <paramref name="session"/>.</summary>
    protected abstract Task EraseRecordsAsync(Guid clientId, IDocumentSession session, DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var clientId = ClientId(message);
        var reference = await session.Events.FetchForWriting<TReference>(clientId, cancellationToken);
        if (reference.Aggregate?.ErasedAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await Masking.MaskStreamAsync(session, clientId, cancellationToken);
        reference.AppendOne(ReferenceErased(message, now));
        await EraseRecordsAsync(clientId, session, now, cancellationToken);
    }
}
