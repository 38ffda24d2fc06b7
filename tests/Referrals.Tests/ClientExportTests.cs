using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Referrals.Tests;

public sealed class ClientExportTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task the_export_holds_the_client_their_consents_and_every_referral_with_its_timeline()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var coordinator = scenario.As("coordinator");

        var export = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{client.ClientId}/export");

        Assert.Equal("Amina", export.GetProperty("client").GetProperty("givenName").GetString());
        Assert.Equal(partner.OrganisationId, Assert.Single(export.GetProperty("consents").EnumerateArray()).GetProperty("recipientOrganisationId").GetGuid());
        var referral = Assert.Single(export.GetProperty("referrals").EnumerateArray());
        Assert.Equal(referralId, referral.GetProperty("id").GetGuid());
        Assert.Equal("Family of four", referral.GetProperty("note").GetString());
        Assert.Equal("sent", referral.GetProperty("timeline")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task an_unknown_client_exports_empty_sections_and_only_coordinators_export()
    {
        using var coordinator = scenario.As("coordinator");
        using var caseworker = scenario.As("caseworker");

        var export = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{Guid.NewGuid()}/export");

        Assert.False(export.TryGetProperty("client", out _));
        Assert.Equal(0, export.GetProperty("referrals").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync($"/clients/{Guid.NewGuid()}/export")).StatusCode);
    }
}
