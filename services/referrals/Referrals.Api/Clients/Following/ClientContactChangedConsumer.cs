using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientContactChangedConsumer(IDocumentStore store, TimeProvider clock) : ClientChangeConsumer<IntakeEvents.ClientContactChanged>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.ClientContactChanged message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.ClientContactChanged message) =>
        new ClientContactUpdated(message!.ClientId, new ClientContact(message.Phone, message.Email, message.Municipality), message.ChangedAt);
}
