using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientIdentityCorrectedConsumer(IDocumentStore store, TimeProvider clock)
    : ClientChangeConsumer<IntakeEvents.ClientIdentityCorrected>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.ClientIdentityCorrected message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.ClientIdentityCorrected message) =>
        new ClientIdentityUpdated(message!.ClientId, message.GivenName, message.FamilyName, message.DateOfBirth, message.CorrectedAt)
        {
            Sex = message.Sex,
            Nationalities = message.Nationalities,
        };
}
