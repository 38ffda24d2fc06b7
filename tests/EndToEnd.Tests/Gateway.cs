using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

/// <summary>A partner organisation, its services, and a client referred to the first of them.</summary>
internal sealed record PartnerReferral(string Organisation, Guid OrganisationId, IReadOnlyList<Guid> ServiceIds, Guid ClientId, Guid NeedId,
    Guid ReferralId);

/// <summary>What a script or the portal does through the gateway.</summary>
internal static class Gateway
{
    public static async Task<HttpClient> SignedInAsync(this RunningSystem system, string role, Guid? org = null, string? office = "e2e-office",
        string? name = null, string? tenant = null)
    {
        var http = system.CreateGatewayClient();
        using var response = await http.PostAsJsonAsync("/dev/token", new { sub = $"e2e-{role}", role, org, office, name, tenant });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Letters only: folding drops digits, so "Client1" and "Client2" would be possible duplicates.</summary>
    public static string UniqueName(string prefix) =>
        prefix + new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    public static async Task<Guid> RegisterAsync(this HttpClient http, string givenName, string familyName, string dateOfBirth)
    {
        using var response = await http.PostAsJsonAsync("/api/intake/clients", new { givenName, familyName, dateOfBirth });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
    }

    /// <summary>The read model a service holds for the client, once it has arrived.</summary>
    public static async Task<JsonElement> ArrivedAsync(this HttpClient http, string service, Guid clientId)
    {
        var body = await Eventually.GetAsync(async () =>
        {
            using var response = await http.GetAsync($"/api/{service}/clients/{clientId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }, $"client {clientId} in {service}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The id a create answered with 201, named <paramref name="property"/> in its body.</summary>
    public static async Task<Guid> CreatedIdAsync(Task<HttpResponseMessage> request, string property)
    {
        using var response = await request;
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(property).GetGuid();
    }

    /// <summary>
    /// Records a consent (the body of <c>POST /clients/{id}/consents</c>) and answers its id. Intake learns the
    /// directory's organisations from referrals' events, so a consent to an organisation registered a moment
    /// ago is a field error on <c>recipientOrganisationId</c> (nothing stored) until the event arrives.
    /// </summary>
    public static async Task<Guid> ConsentAsync(this HttpClient http, Guid clientId, object consent)
    {
        var created = await Eventually.GetAsync(async () =>
        {
            using var response = await http.PostAsJsonAsync($"/api/intake/clients/{clientId}/consents", consent);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest && body.Contains("\"recipientOrganisationId\"", StringComparison.Ordinal))
            {
                return null;
            }

            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            return body;
        }, $"intake to know the organisation of client {clientId}'s consent");
        return JsonDocument.Parse(created).RootElement.GetProperty("consentId").GetGuid();
    }

    /// <summary>Referrals learns of needs and consents from intake's events: waits until it holds the client's one need and one consent.</summary>
    public static Task NeedAndConsentArrivedAsync(this HttpClient http, Guid clientId) =>
        Eventually.HoldsAsync(async () =>
        {
            using var reference = await http.GetAsync($"/api/referrals/clients/{clientId}");
            using var consents = await http.GetAsync($"/api/referrals/clients/{clientId}/consents");
            return reference.IsSuccessStatusCode && consents.IsSuccessStatusCode
                && (await reference.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needs").GetArrayLength() == 1
                && (await consents.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() == 1;
        }, $"the need and the consent of client {clientId} in referrals");

    /// <summary>Adds a mediator (the body of <c>POST /mediators</c>) who is available around the clock every day; returns the id.</summary>
    public static async Task<Guid> AddMediatorAvailableAllWeekAsync(this HttpClient coordinator, object mediator)
    {
        var mediatorId = await CreatedIdAsync(coordinator.PostAsJsonAsync("/api/mediators/mediators", mediator), "mediatorId");
        using var availability = await coordinator.PutAsJsonAsync($"/api/mediators/mediators/{mediatorId}/availability", new
        {
            timeZone = "Europe/Rome",
            weekly = Enumerable.Range(1, 7).Select(day => new { dayOfWeek = day, from = "00:00", to = "24:00" }),
        });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, availability.StatusCode);
        return mediatorId;
    }

    /// <summary>
    /// Through the API, as a coordinator and a Milan case worker: an organisation (a unique name from
    /// <paramref name="organisationPrefix"/>) with one service of <paramref name="category"/> per name, and
    /// a client of milan-central with a need of that category, consent to the organisation, and a
    /// referral to the first service.
    /// </summary>
    public static async Task<PartnerReferral> ReferredToNewPartnerAsync(this RunningSystem system, string organisationPrefix, string category,
        IReadOnlyList<string> services, (string GivenName, string FamilyName, string DateOfBirth) person)
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        var organisation = UniqueName(organisationPrefix);
        var organisationId = await CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = organisation, description = $"{category} services" }), "organisationId");
        var serviceIds = new List<Guid>();
        foreach (var service in services)
        {
            serviceIds.Add(await CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
                new { name = service, category, languages = new[] { "uk", "ti" }, responseHours = 48 }), "serviceId"));
        }

        using var caseworker = await system.SignedInAsync("caseworker", office: "milan-central");
        var clientId = await caseworker.RegisterAsync(person.GivenName, person.FamilyName, person.DateOfBirth);
        await caseworker.ConsentAsync(clientId, new
        {
            purpose = "referral", recipientOrganisationId = organisationId, dataCategories = new[] { "identity", "contact" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow,
        });
        var needId = await CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = category, priority = "medium", description = $"Needs {category} help" }), "needId");
        await caseworker.NeedAndConsentArrivedAsync(clientId);
        var referralId = await CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId = serviceIds[0], urgency = "medium" }), "referralId");
        return new PartnerReferral(organisation, organisationId, serviceIds, clientId, needId, referralId);
    }
}
