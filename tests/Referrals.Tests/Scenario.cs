using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>A partner organisation with one service in the directory.</summary>
public sealed record Partner(Guid OrganisationId, Guid ServiceId);

/// <summary>A client known to referrals (through intake's integration events) with one open need.</summary>
public sealed record KnownClient(Guid ClientId, Guid NeedId);

/// <summary>The personal data intake shares with referrals about a client.</summary>
public sealed record Person(string GivenName, string FamilyName, DateOnly DateOfBirth, string Phone, string Email);

/// <summary>
/// Builds the state a referral needs the way production does: intake's integration events over
/// RabbitMQ for clients, needs and consents; the HTTP API for the directory and referrals. Everything happens in
/// <paramref name="tenant"/> (tokens name it, messages carry it), or in the default tenant without one.
/// </summary>
public sealed class Scenario(ReferralsFixture referrals, string? tenant = null)
{
    /// <summary>The tenant everything happens in; null for the default tenant.</summary>
    public string? Tenant => tenant;

    public static readonly string[] AllDataCategories = ["identity", "contact", "language", "legal_status", "needs", "case_notes"];

    /// <summary>A scenario in a tenant announced a moment ago as intake announces one, once the service accepts its tokens.</summary>
    public static async Task<Scenario> OnboardedAsync(ReferralsFixture referrals)
    {
        var tenantId = $"susa-{Guid.NewGuid().ToString("N")[..8]}";
        await new Scenario(referrals).PublishAsync(
            new IntakeEvents.TenantOnboarded(tenantId, "Valle di Susa", "Europe/Rome", "it", [TestTokens.Office], DateTimeOffset.UtcNow));
        var scenario = new Scenario(referrals, tenantId);
        using var coordinator = scenario.As("coordinator");
        await Eventually.HoldsAsync(async () => (await coordinator.GetAsync("/organisations")).StatusCode == HttpStatusCode.OK,
            "the tenant known to referrals");
        return scenario;
    }

    public HttpClient As(string role, Guid? organisation = null, string? office = TestTokens.Office) =>
        referrals.CreateClient().As(role, subject: $"{role}-user", org: organisation?.ToString(), office: office, tenant: tenant);

    public HttpClient Partner(Partner partner) => As("partner", partner?.OrganisationId);

    public async Task<Partner> AddPartnerAsync(string category = "housing", int responseHours = 48, string name = "Casa Aperta")
    {
        using var coordinator = As("coordinator");
        using var organisation = await coordinator.PostAsJsonAsync("/organisations",
            new { name, description = "Housing association", email = "intake@example.org", website = "https://example.org" });
        Assert.Equal(HttpStatusCode.Created, organisation.StatusCode);
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organisationId").GetGuid();
        var serviceId = await AddServiceAsync(organisationId, category, responseHours);
        return new Partner(organisationId, serviceId);
    }

    public async Task<Guid> AddServiceAsync(Guid organisationId, string category, int responseHours = 48, string? fundingStream = null)
    {
        using var coordinator = As("coordinator");
        using var service = await coordinator.PostAsJsonAsync($"/organisations/{organisationId}/services", new
        {
            name = $"{category} service",
            description = "Help for newcomers",
            category,
            languages = new[] { "ar", "uk" },
            eligibility = "Adults registered at the one-stop-shop",
            capacity = 20,
            responseHours,
            fundingStream,
        });
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        return (await service.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serviceId").GetGuid();
    }

    /// <summary>A funding stream's code no other test uses.</summary>
    public static string UniqueStreamCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    /// <summary>The body that records a funding stream running from <paramref name="startsOn"/> to <paramref name="endsOn"/>.</summary>
    public static object FundingStreamBody(string code, DateOnly startsOn, DateOnly endsOn) => new
    {
        code,
        name = "Asylum, Migration and Integration Fund 2021-2027",
        funder = "European Commission",
        programme = "IT-AMIF-2024",
        startsOn = startsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        endsOn = endsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Who <see cref="RegisterClientAsync"/> registers unless told otherwise.</summary>
    public static readonly Person Amina = new("Amina", "Haddad", new DateOnly(1990, 4, 12), "+39 333 1234567", "amina@example.org");

    public async Task<KnownClient> RegisterClientAsync(string domain = "housing", string office = TestTokens.Office, Person? person = null,
        string sex = "female", string[]? nationalities = null)
    {
        var clientId = Guid.NewGuid();
        var needId = Guid.NewGuid();
        var (givenName, familyName, dateOfBirth, phone, email) = person ?? Amina;
        await PublishAsync(new IntakeEvents.ClientRegistered(clientId, givenName, familyName, dateOfBirth, DateTimeOffset.UtcNow)
        {
            Office = office,
            Languages = [new IntakeEvents.LanguageSkill("ar", "native")],
            PreferredLanguage = "ar",
            InterpreterRequired = true,
            Municipality = "Milano",
            Phone = phone,
            Email = email,
            LegalStatusCategory = "asylum_seeker",
            Sex = sex,
            Nationalities = nationalities ?? ["UA"],
        });
        await PublishAsync(new IntakeEvents.NeedAdded(clientId, needId, domain, "high", "Needs a room before the winter", DateTimeOffset.UtcNow));
        using var caseworker = As("caseworker", office: office);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await caseworker.GetAsync($"/clients/{clientId}");
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needs").GetArrayLength() == 1;
        }, "the client and their need in referrals");
        return new KnownClient(clientId, needId);
    }

    public async Task<Guid> GiveConsentAsync(Guid clientId, Guid? organisationId = null, string? category = null, string[]? dataCategories = null,
        DateTimeOffset? expiresAt = null, string purpose = "referral")
    {
        var consentId = Guid.NewGuid();
        await PublishAsync(new IntakeEvents.ConsentGiven(clientId, consentId, purpose, organisationId, category, dataCategories ?? AllDataCategories,
            referrals.Clock.GetUtcNow(), expiresAt));
        await ConsentStatusAsync(clientId, consentId, "active");
        return consentId;
    }

    public async Task WithdrawConsentAsync(Guid clientId, Guid consentId)
    {
        await PublishAsync(new IntakeEvents.ConsentWithdrawn(clientId, consentId, referrals.Clock.GetUtcNow()));
        await ConsentStatusAsync(clientId, consentId, "withdrawn");
    }

    public async Task ExpireConsentAsync(Guid clientId, Guid consentId)
    {
        await PublishAsync(new IntakeEvents.ConsentExpired(clientId, consentId, referrals.Clock.GetUtcNow()));
        await ConsentStatusAsync(clientId, consentId, "expired");
    }

    /// <summary>A client with an open need and a consent covering <paramref name="partner"/>'s organisation.</summary>
    public async Task<KnownClient> ConsentingClientAsync(Partner partner, string[]? dataCategories = null, string office = TestTokens.Office)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var client = await RegisterClientAsync(office: office);
        await GiveConsentAsync(client.ClientId, partner.OrganisationId, dataCategories: dataCategories);
        return client;
    }

    public async Task<HttpResponseMessage> TryReferAsync(KnownClient client, Guid serviceId, string urgency = "high", string? note = "Family of four")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var caseworker = As("caseworker");
        return await caseworker.PostAsJsonAsync("/referrals", new { clientId = client.ClientId, needId = client.NeedId, serviceId, urgency, note });
    }

    public async Task<Guid> ReferAsync(KnownClient client, Guid serviceId)
    {
        using var response = await TryReferAsync(client, serviceId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetGuid();
    }

    /// <summary>A referral sent to a fresh partner for a fresh, consenting client.</summary>
    public async Task<(Partner Partner, KnownClient Client, Guid ReferralId)> SentReferralAsync(int responseHours = 48)
    {
        var partner = await AddPartnerAsync(responseHours: responseHours);
        var client = await ConsentingClientAsync(partner);
        return (partner, client, await ReferAsync(client, partner.ServiceId));
    }

    public static async Task<JsonElement> GetReferralAsync(HttpClient http, Guid referralId)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync($"/referrals/{referralId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient http, Guid referralId, string action, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        return body is null
            ? await http.PostAsync($"/referrals/{referralId}/{action}", content: null)
            : await http.PostAsJsonAsync($"/referrals/{referralId}/{action}", body);
    }

    public static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private async Task ConsentStatusAsync(Guid clientId, Guid consentId, string status)
    {
        using var caseworker = As("coordinator");
        await Eventually.HoldsAsync(async () =>
        {
            var consents = await caseworker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/consents");
            return consents.EnumerateArray().Any(consent =>
                consent.GetProperty("id").GetGuid() == consentId && consent.GetProperty("status").GetString() == status);
        }, $"consent {consentId} {status} in referrals");
    }

    public Task PublishAsync<T>(T message) where T : class =>
        referrals.Environment.Bus.Publish(message, context =>
        {
            context.MessageId = NewId.NextGuid();
            if (tenant is not null)
            {
                context.Headers.Set(Eventing.Tenancy.MessageHeader, tenant);
            }
        });
}
