using Marten;
using MassTransit;

namespace Integration.Eventing;

/// <summary>
/// Base for every consumer: applies a message at most once per consumer. The check, the
/// consumer's changes and the processed-message marker share one Marten session; two deliveries
/// racing each other both pass the check, but the second insert of the marker fails the whole
/// transaction and MassTransit's retry then finds the marker and skips. The session is the tenant's whose events the message tells of.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; the relay always sets one.");
        var consumer = GetType().Name;
        var markerId = ProcessedMessage.IdFor(consumer, messageId);

        await using var session = store.LightweightSession(Tenancy.StorageIdOf(context)).Stamp();
        if (await session.LoadAsync<ProcessedMessage>(markerId, context.CancellationToken) is not null)
        {
            return;
        }

        await ApplyAsync(context.Message, session, context.CancellationToken);
        session.Insert(new ProcessedMessage(markerId, consumer, messageId, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
        Committed();
    }

    /// <summary>After the changes committed: tell others what happened (wake a sweep).</summary>
    protected virtual void Committed()
    {
    }

    /// <summary>Stage the message's changes in <paramref name="session"/>; do not save.</summary>
    protected abstract Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken);
}
