using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Integration.Eventing;

/// <summary>
/// Maps a service's committed domain events to its integration events: none keeps an event inside
/// the service; one event may also become several messages for different audiences. <c>store</c> reads the stream's read model when the event
/// alone does not say enough (which client a referral's acceptance concerns); the read model is the
/// stream's current state, so only what never changes (ids, names given at creation) is taken from it.
/// </summary>
public interface IIntegrationEventMap
{
    ValueTask<IReadOnlyList<object>> ToIntegrationEventsAsync(IEvent domainEvent, IQuerySession store, CancellationToken cancellationToken);
}

/// <summary>
/// The only way integration events leave a service. A Marten subscription run by the async daemon
/// receives committed events in order and publishes their integration events with the Marten event
/// id as the message id (a second message of the same event gets an id derived from it). The daemon records progress only after this method returns, so a crash
/// or an unreachable broker means the events are published again later (at least once), never lost;
/// consumers discard the repeats by message id. Every message carries the tenant of its event (<see cref="Tenancy.MessageHeader"/>), and
/// consumers act in that tenant.
/// </summary>
public sealed partial class IntegrationEventRelay : SubscriptionBase
{
    public const string RelayName = "integration-event-relay";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IBus bus;
    private readonly IIntegrationEventMap map;
    private readonly ILogger<IntegrationEventRelay> logger;

    public IntegrationEventRelay(IBus bus, IIntegrationEventMap map, ILogger<IntegrationEventRelay> logger)
    {
        this.bus = bus;
        this.map = map;
        this.logger = logger;
        Name = RelayName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // A page's messages are published without waiting for each one's confirm before the next: awaited one
        // by one, the broker's round trip capped the relay at about 120 messages a second on a busy machine, below
        // the rate registrations are written. They leave in page order; a retried one may arrive after later ones,
        // which consumers already allow (queues keep no order between message types, and consumers run concurrently).
        // A page holds every tenant's events in the order they were committed; each is mapped reading its own tenant's read models.
        var publishing = new List<Task>();
        var tenants = new Dictionary<string, IQuerySession>(StringComparer.Ordinal);
        foreach (var domainEvent in page.Events)
        {
            if (!tenants.TryGetValue(domainEvent.TenantId, out var tenant))
            {
                tenant = operations.ForTenant(domainEvent.TenantId);
                tenants.Add(domainEvent.TenantId, tenant);
            }

            var messages = await map.ToIntegrationEventsAsync(domainEvent, tenant, cancellationToken);
            for (var i = 0; i < messages.Count; i++)
            {
                var messageId = i == 0 ? domainEvent.Id : DeterministicIds.From($"{domainEvent.Id}:{i}");
                publishing.Add(PublishUntilAcceptedAsync(messages[i], messageId, domainEvent, cancellationToken));
            }
        }

        await Task.WhenAll(publishing);
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Retries in place rather than failing the page: a failed page would be retried by the daemon
    /// too, but after its retries it pauses the subscription, and a paused relay loses nothing but
    /// stops delivering until restart.
    /// </summary>
    private async Task PublishUntilAcceptedAsync(object message, Guid messageId, IEvent domainEvent, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        using var publishing = EventTrace.StartPublishing(domainEvent, message.GetType().Name);
        while (true)
        {
            try
            {
                await bus.Publish(message, message.GetType(), context =>
                {
                    context.MessageId = messageId;
                    context.Headers.Set("integration-event-sequence", domainEvent.Sequence);
                    context.Headers.Set(Tenancy.MessageHeader, domainEvent.TenantId);
                }, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPublishFailed(logger, message.GetType().Name, domainEvent.Sequence, backoff, exception);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} for event sequence {Sequence} failed; retrying in {Backoff}")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, long sequence, TimeSpan backoff, Exception exception);
}
