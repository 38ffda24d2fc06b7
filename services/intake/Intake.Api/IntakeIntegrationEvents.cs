using Integration.Eventing;
using Integration.Intake.Clients;
using JasperFx.Events;
using Contracts = Integration.Intake.Contracts;

namespace Integration.Intake;

/// <summary>Which intake events leave the service, and in what shape.</summary>
public sealed class IntakeIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ClientRegistered registered => new Contracts.ClientRegistered(
            registered.ClientId, registered.GivenName, registered.FamilyName, registered.DateOfBirth, registered.RegisteredAt),
        _ => null,
    };
}
