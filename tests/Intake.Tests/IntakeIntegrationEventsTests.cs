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
        var domainEvent = new Event<ClientRegistered>(new ClientRegistered(clientId, "Amina", "Yusuf", new DateOnly(1991, 4, 12), "desk-7", at)
        {
            Office = "milan",
            Languages = [new LanguageSkill("ha", Integration.Vocabulary.Proficiency.Native)],
            Address = new Address("Milano", null, null),
        });

        var message = Assert.IsType<Contracts.ClientRegistered>(new IntakeIntegrationEvents().ToIntegrationEvent(domainEvent));

        Assert.Equal((clientId, "Amina", "Yusuf", new DateOnly(1991, 4, 12), at), (message.ClientId, message.GivenName, message.FamilyName, message.DateOfBirth, message.RegisteredAt));
        Assert.Equal(("milan", "Milano"), (message.Office, message.Municipality));
        Assert.Equal(new Contracts.LanguageSkill("ha", "native"), Assert.Single(message.Languages));
    }

    [Fact]
    public void a_consent_travels_with_vocabulary_values_as_the_api_writes_them()
    {
        var clientId = Guid.NewGuid();
        var consentId = Guid.NewGuid();
        var given = new ConsentGiven(clientId, consentId, Integration.Vocabulary.ConsentPurpose.Referral, null, Integration.Vocabulary.NeedDomain.MentalHealth,
            [Integration.Vocabulary.DataCategory.Identity, Integration.Vocabulary.DataCategory.LegalStatus], Integration.Vocabulary.LawfulBasis.Consent,
            DateTimeOffset.UnixEpoch, null, "signed form", "desk-7", DateTimeOffset.UnixEpoch);

        var message = Assert.IsType<Contracts.ConsentGiven>(new IntakeIntegrationEvents().ToIntegrationEvent(new Event<ConsentGiven>(given)));

        Assert.Equal("referral", message.Purpose);
        Assert.Equal("mental_health", message.RecipientServiceCategory);
        Assert.Equal(["identity", "legal_status"], message.DataCategories);
    }

    [Fact]
    public void events_without_a_contract_stay_inside_intake()
    {
        var message = new IntakeIntegrationEvents().ToIntegrationEvent(new Event<string>("internal"));

        Assert.Null(message);
    }
}
