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
            Phone = "+39 333 1234567",
            Email = "amina@example.org",
            LegalStatus = new LegalStatusDetails(Integration.Vocabulary.LegalStatusCategory.AsylumSeeker, "PS-1", new DateOnly(2027, 3, 31)),
            Sex = Integration.Vocabulary.Sex.Female,
            Nationalities = ["NG", "NE"],
        });

        var message = Assert.IsType<Contracts.ClientRegistered>(new IntakeIntegrationEvents().ToIntegrationEvent(domainEvent));

        Assert.Equal((clientId, "Amina", "Yusuf", new DateOnly(1991, 4, 12), at), (message.ClientId, message.GivenName, message.FamilyName, message.DateOfBirth, message.RegisteredAt));
        Assert.Equal(("milan", "Milano"), (message.Office, message.Municipality));
        Assert.Equal(new Contracts.LanguageSkill("ha", "native"), Assert.Single(message.Languages));
        Assert.Equal(("+39 333 1234567", "amina@example.org"), (message.Phone, message.Email));
        Assert.Equal(("asylum_seeker", new DateOnly(2027, 3, 31)), (message.LegalStatusCategory, message.LegalStatusValidUntil));
        Assert.Equal("female", message.Sex);
        Assert.Equal(["NG", "NE"], message.Nationalities);
    }

    [Fact]
    public void contact_and_legal_status_changes_travel_without_document_numbers()
    {
        var clientId = Guid.NewGuid();
        var map = new IntakeIntegrationEvents();

        var contact = Assert.IsType<Contracts.ClientContactChanged>(map.ToIntegrationEvent(new Event<ContactChanged>(
            new ContactChanged(clientId, "+39 02 1234", null, new Address("Sesto San Giovanni", null, "20099"), "cw", DateTimeOffset.UnixEpoch))));
        var legal = Assert.IsType<Contracts.ClientLegalStatusChanged>(map.ToIntegrationEvent(new Event<LegalStatusChanged>(
            new LegalStatusChanged(clientId, new LegalStatusDetails(Integration.Vocabulary.LegalStatusCategory.Refugee, "RF-9", null), "cw",
                DateTimeOffset.UnixEpoch))));

        Assert.Equal(("+39 02 1234", null, "Sesto San Giovanni"), (contact.Phone, contact.Email, contact.Municipality));
        Assert.Equal(("refugee", (DateOnly?)null), (legal.Category, legal.ValidUntil));
        Assert.DoesNotContain("RF-9", System.Text.Json.JsonSerializer.Serialize(legal), StringComparison.Ordinal);
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
