using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientLegalStatusChangedConsumer(IDocumentStore store, TimeProvider clock)
    : ClientChangeConsumer<IntakeEvents.ClientLegalStatusChanged>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.ClientLegalStatusChanged message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.ClientLegalStatusChanged message) =>
        new ClientLegalStatusUpdated(message!.ClientId, message.Category, message.ValidUntil, message.ChangedAt);
}
