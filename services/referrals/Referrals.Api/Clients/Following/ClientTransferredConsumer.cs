using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientTransferredConsumer(IDocumentStore store, TimeProvider clock) : ClientChangeConsumer<IntakeEvents.ClientTransferred>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.ClientTransferred message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.ClientTransferred message) =>
        client!.Office == message!.ToOffice ? null : new ClientOfficeChanged(message.ClientId, message.ToOffice, message.TransferredAt);
}
