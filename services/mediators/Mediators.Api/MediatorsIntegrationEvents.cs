using Integration.Eventing;
using Integration.Mediators.Clients;
using JasperFx.Events;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators;

/// <summary>Which mediators events leave the service: only erasure confirmations (intake's erasure status).</summary>
public sealed class MediatorsIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ClientReferenceErased e => new IntakeEvents.ClientErasureConfirmed(e.ClientId, MediatorsService.Name, e.RecordedAt),
        _ => null,
    };
}
