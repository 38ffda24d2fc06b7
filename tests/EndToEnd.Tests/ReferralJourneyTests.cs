using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class ReferralJourneyTests(RunningSystem system)
{
    [Fact]
    public async Task a_client_is_referred_accepted_from_the_partners_inbox_completed_and_counted_in_the_caseload()
    {
        var office = Gateway.UniqueName("office");
        using var coordinator = await system.SignedInAsync("coordinator");
        using var caseworker = await system.SignedInAsync("caseworker", office: office);

        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName("Casa"), description = "Housing association" }), "organisationId");
        var serviceId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Emergency beds", category = "housing", languages = new[] { "ar", "fr" }, capacity = 12, responseHours = 24 }), "serviceId");

        var clientId = await caseworker.RegisterAsync("Samira", Gateway.UniqueName("Benali"), "1988-02-17");
        await caseworker.ConsentAsync(clientId, new
        {
            purpose = "referral",
            recipientOrganisationId = organisationId,
            dataCategories = new[] { "identity", "language" },
            lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        var needId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "housing", priority = "urgent", description = "Sleeping at the station" }), "needId");
        await caseworker.NeedAndConsentArrivedAsync(clientId);

        var referralId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId, urgency = "urgent", note = "Two children" }), "referralId");

        using var partner = await system.SignedInAsync("partner", org: organisationId);
        var inbox = await partner.GetFromJsonAsync<JsonElement>("/api/referrals/inbox?status=sent");
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal(referralId, item.GetProperty("id").GetGuid());
        Assert.Equal("Samira", item.GetProperty("client").GetProperty("givenName").GetString());
        Assert.False(item.GetProperty("client").TryGetProperty("phone", out _));
        using (var accepted = await partner.PostAsync($"/api/referrals/referrals/{referralId}/accept", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        using (var completed = await partner.PostAsJsonAsync($"/api/referrals/referrals/{referralId}/complete", new { outcome = "service_delivered" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        }

        var referral = await caseworker.GetFromJsonAsync<JsonElement>($"/api/referrals/referrals/{referralId}");
        Assert.Equal(["sent", "accepted", "completed"], referral.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var totals = await Eventually.GetAsync(async () =>
        {
            var caseload = await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/caseload?office={office}&category=housing");
            var figures = caseload.GetProperty("totals");
            return figures.GetProperty("byStatus").TryGetProperty("completed", out var count) && count.GetInt64() == 1 ? (object)figures : null;
        }, "the completed referral in the caseload");
        var seen = (JsonElement)totals;
        Assert.Equal(1, seen.GetProperty("total").GetInt64());
        Assert.Equal(1, seen.GetProperty("accepted").GetInt64());
        Assert.Equal(1.0, seen.GetProperty("acceptanceRate").GetDouble());
        Assert.True(seen.GetProperty("medianHoursToAccept").GetDouble() < 1.0);

        await Eventually.HoldsAsync(async () =>
        {
            var log = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{clientId}/access-log?pageSize=200");
            return log.GetProperty("items").EnumerateArray().Any(entry => entry.GetProperty("service").GetString() == "referrals"
                && entry.GetProperty("endpoint").GetString() == "Inbox" && entry.GetProperty("by").GetString() == "e2e-partner");
        }, "the partner's read of the inbox in intake's access log");
    }

    [Fact]
    public async Task the_directory_is_published_as_hsds_without_a_token()
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName("Scuola"), description = "Language school" }), "organisationId");
        using var anonymous = system.CreateGatewayClient();

        var organization = await anonymous.GetFromJsonAsync<JsonElement>($"/api/referrals/hsds/organizations/{organisationId}");

        Assert.Equal(organisationId, organization.GetProperty("id").GetGuid());
        Assert.Equal("Language school", organization.GetProperty("description").GetString());
    }
}
