using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

/// <summary>
/// Base of the consumers that change a known client. A change that overtakes the registration
/// (queues do not keep order between message types) throws, and MassTransit's retry brings it
/// back once the client is known.
/// </summary>
public abstract class ClientChangeConsumer<TMessage>(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<TMessage>(store, clock)
    where TMessage : class
{
    protected override async Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var clientId = ClientId(message);
        var stream = await session.Events.FetchForWriting<ClientReference>(clientId, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw new InvalidOperationException($"Client {clientId} is not known yet; the message is retried.");
        }

        if (stream.Aggregate.ErasedAt is null && Change(stream.Aggregate, message) is { } change)
        {
            stream.AppendOne(change);
        }
    }

    protected abstract Guid ClientId(TMessage message);

    /// <summary>The event to append, or null when the client already reflects the message.</summary>
    protected abstract object? Change(ClientReference client, TMessage message);
}
