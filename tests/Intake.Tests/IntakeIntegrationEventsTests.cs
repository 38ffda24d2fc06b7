using Integration.Intake.Clients;
using JasperFx.Events;
using Contracts = Integration.Intake.Contracts;

namespace Integration.Intake.Tests;

public sealed class IntakeIntegrationEventsTests
{
    [Fact]
    public void a_registration_leaves_the_service_as_the_client_registered_contract()
    {
        var clientId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
        var domainEvent = new Event<ClientRegistered>(new ClientRegistered(clientId, "Amina", "Yusuf", new DateOnly(1991, 4, 12), "desk-7", at));

        var message = new IntakeIntegrationEvents().ToIntegrationEvent(domainEvent);

        Assert.Equal(new Contracts.ClientRegistered(clientId, "Amina", "Yusuf", new DateOnly(1991, 4, 12), at), message);
    }

    [Fact]
    public void events_without_a_contract_stay_inside_intake()
    {
        var message = new IntakeIntegrationEvents().ToIntegrationEvent(new Event<string>("internal"));

        Assert.Null(message);
    }
}
