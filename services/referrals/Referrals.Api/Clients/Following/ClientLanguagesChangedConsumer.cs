using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientLanguagesChangedConsumer(IDocumentStore store, TimeProvider clock)
    : ClientChangeConsumer<IntakeEvents.ClientLanguagesChanged>(store, clock)
{
    protected override Guid ClientId(IntakeEvents.ClientLanguagesChanged message) => message!.ClientId;

    protected override object? Change(ClientReference client, IntakeEvents.ClientLanguagesChanged message) =>
        new ClientLanguagesUpdated(message!.ClientId,
            new ClientLanguages(message.Languages, message.PreferredLanguage, message.InterpreterRequired), message.ChangedAt);
}
