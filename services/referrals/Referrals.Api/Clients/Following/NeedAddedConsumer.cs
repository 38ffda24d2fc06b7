using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class NeedAddedConsumer(IDocumentStore store, TimeProvider clock) : ClientChangeConsumer<IntakeEvents.NeedAdded>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.NeedAdded message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.NeedAdded message) =>
        client!.FindNeed(message!.NeedId) is null
            ? new ClientNeedRecorded(message.ClientId, message.NeedId, message.Domain, message.Priority, message.Description, message.AddedAt)
            : null;
}
