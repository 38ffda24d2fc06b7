using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients.Following;

internal sealed class ClientRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<IntakeEvents.ClientRegistered>(store, clock)
{
    private readonly TimeProvider clock = clock;

    /// <summary>A registration that arrives after the client's erasure (queues do not keep order between types) is dropped.</summary>
    protected override async Task ApplyAsync(IntakeEvents.ClientRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.Events.FetchStreamStateAsync(message.ClientId, cancellationToken) is not null)
        {
            return;
        }

        session.Events.StartStream<ClientReference>(message.ClientId, new ClientReferenceRecorded(
            message.ClientId, message.GivenName, message.FamilyName, message.DateOfBirth, message.RegisteredAt, clock.GetUtcNow())
        {
            Office = message.Office,
            Contact = new ClientContact(message.Phone, message.Email, message.Municipality),
            Languages = new ClientLanguages(message.Languages, message.PreferredLanguage, message.InterpreterRequired),
            LegalStatusCategory = message.LegalStatusCategory,
            LegalStatusValidUntil = message.LegalStatusValidUntil,
            Sex = message.Sex,
            Nationalities = message.Nationalities ?? [],
        });
    }
}
