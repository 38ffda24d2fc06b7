using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class NeedResolvedConsumer(IDocumentStore store, TimeProvider clock) : ClientChangeConsumer<IntakeEvents.NeedResolved>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.NeedResolved message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.NeedResolved message)
    {
        var need = client!.FindNeed(message!.NeedId)
            ?? throw new InvalidOperationException($"Need {message.NeedId} is not known yet; the message is retried.");
        return need.Status == ClientNeed.Open ? new ClientNeedResolved(message.ClientId, message.NeedId, message.ResolvedAt) : null;
    }
}
