using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>The tenancy tests with every tenant's rows in one database.</summary>
public sealed class ConjoinedTenantTests(ReferralsFixture referrals) : TenantTests(referrals), IClassFixture<ReferralsFixture>;

/// <summary>The tenancy tests with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantTests(DatabasePerTenantReferralsFixture referrals) : TenantTests(referrals), IClassFixture<DatabasePerTenantReferralsFixture>;

/// <summary>
/// Two tenants in one referrals service, in both storage modes: intake's messages act in the tenant they carry, tokens act in theirs,
/// and nothing one tenant holds is read, counted or changed by the other.
/// </summary>
public abstract class TenantTests(ReferralsFixture referrals)
{
    private readonly Scenario home = new(referrals);

    /// <summary>A tenant intake onboarded a moment ago: its tokens are refused until its copy arrives, then accepted.</summary>
    private Task<Scenario> OnboardedAsync() => Scenario.OnboardedAsync(referrals);

    [Fact]
    public async Task a_token_naming_a_tenant_nobody_onboarded_is_refused()
    {
        using var stranger = new Scenario(referrals, $"nowhere-{Guid.NewGuid().ToString("N")[..8]}").As("coordinator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/caseload")).StatusCode);
    }

    [Fact]
    public async Task a_tenants_clients_directory_and_referrals_are_its_own()
    {
        var susa = await OnboardedAsync();
        var susaPartner = await susa.AddPartnerAsync(name: "Casa Susa");
        var homePartner = await home.AddPartnerAsync(name: "Casa Milano");
        var susaClient = await susa.ConsentingClientAsync(susaPartner);
        var homeClient = await home.ConsentingClientAsync(homePartner);

        var referralId = await susa.ReferAsync(susaClient, susaPartner.ServiceId);

        using var homeWorker = home.As("caseworker");
        using var homeCoordinator = home.As("coordinator");
        using var susaCoordinator = susa.As("coordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await homeWorker.GetAsync($"/clients/{susaClient.ClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/organisations/{susaPartner.OrganisationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await susaCoordinator.GetAsync($"/organisations/{homePartner.OrganisationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scenario.ActAsync(home.Partner(susaPartner), referralId, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await susaCoordinator.GetAsync($"/referrals/{referralId}")).StatusCode);

        // A body naming the other tenant's service or client changes nothing.
        using var toHomeService = await susa.TryReferAsync(susaClient, homePartner.ServiceId);
        using var forHomeClient = await susa.TryReferAsync(homeClient, susaPartner.ServiceId);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "unknown_service"), (toHomeService.StatusCode, await Scenario.CodeOf(toHomeService)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forHomeClient.StatusCode);
        var susaReferrals = await susaCoordinator.GetFromJsonAsync<JsonElement>($"/referrals?clientId={susaClient.ClientId}");
        Assert.Equal([referralId], susaReferrals.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await homeCoordinator.GetFromJsonAsync<JsonElement>($"/referrals?clientId={susaClient.ClientId}")).GetProperty("total").GetInt64());

        using var susaInbox = susa.Partner(susaPartner);
        var inbox = await susaInbox.GetFromJsonAsync<JsonElement>("/inbox");
        Assert.Equal([referralId], inbox.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(susaInbox, referralId, "accept")).StatusCode);
    }

    [Fact]
    public async Task a_tenants_caseload_and_funding_streams_count_its_own_referrals_only()
    {
        var susa = await OnboardedAsync();
        var code = Scenario.UniqueStreamCode("AMIF");
        var today = DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime);
        using var susaCoordinator = susa.As("coordinator");
        using var homeCoordinator = home.As("coordinator");
        using var susaStream = await susaCoordinator.PostAsJsonAsync("/funding-streams", Scenario.FundingStreamBody(code, today.AddYears(-1), today.AddYears(1)));
        Assert.Equal(HttpStatusCode.Created, susaStream.StatusCode);
        var susaPartner = await susa.AddPartnerAsync(name: "Casa Susa");
        var fundedService = await susa.AddServiceAsync(susaPartner.OrganisationId, "employment", fundingStream: code);
        var susaClient = await susa.ConsentingClientAsync(susaPartner);
        var homePartner = await home.AddPartnerAsync(name: "Casa Milano");
        var homeClient = await home.ConsentingClientAsync(homePartner);

        await susa.ReferAsync(susaClient, fundedService);
        await home.ReferAsync(homeClient, homePartner.ServiceId);

        // A fresh tenant's caseload holds its one referral, whatever the other tenant holds.
        await Eventually.HoldsAsync(async () =>
            (await susaCoordinator.GetFromJsonAsync<JsonElement>("/caseload")).GetProperty("totals").GetProperty("total").GetInt64() == 1,
            "the referral in its tenant's caseload");
        var homeCaseload = await homeCoordinator.GetFromJsonAsync<JsonElement>("/caseload");
        Assert.DoesNotContain(homeCaseload.GetProperty("byOrganisation").EnumerateArray(),
            organisation => organisation.GetProperty("organisationId").GetGuid() == susaPartner.OrganisationId);
        var susaCaseload = await susaCoordinator.GetFromJsonAsync<JsonElement>("/caseload");
        Assert.Equal([susaPartner.OrganisationId],
            susaCaseload.GetProperty("byOrganisation").EnumerateArray().Select(organisation => organisation.GetProperty("organisationId").GetGuid()));

        // Stream codes are each tenant's: the other tenant neither sees nor reports on it, and may use the same code for its own.
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/funding-streams/{code}")).StatusCode);
        using var homeReport = await homeCoordinator.GetAsync($"/reports/funding?stream={code}");
        Assert.Equal(HttpStatusCode.BadRequest, homeReport.StatusCode);
        using var homeStream = await homeCoordinator.PostAsJsonAsync("/funding-streams", Scenario.FundingStreamBody(code, today.AddYears(-1), today.AddYears(1)));
        Assert.Equal(HttpStatusCode.Created, homeStream.StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            var report = await susaCoordinator.GetFromJsonAsync<JsonElement>($"/reports/funding?stream={code}");
            return report.GetProperty("partners").GetArrayLength() == 1;
        }, "the funded referral in its tenant's report");
        var homeFigures = await homeCoordinator.GetFromJsonAsync<JsonElement>($"/reports/funding?stream={code}");
        Assert.Equal(0, homeFigures.GetProperty("partners").GetArrayLength());
    }

    [Fact]
    public async Task the_public_directory_of_each_tenant_is_read_with_its_id()
    {
        var susa = await OnboardedAsync();
        var susaPartner = await susa.AddPartnerAsync(name: "Casa Susa");
        using var anyone = referrals.CreateClient();

        var susaServices = await anyone.GetFromJsonAsync<JsonElement>($"/hsds/services?tenant={susa.Tenant}&per_page=100");
        var homeServices = await anyone.GetFromJsonAsync<JsonElement>("/hsds/services?per_page=100");
        using var nowhere = await anyone.GetAsync($"/hsds/services?tenant=nowhere-{Guid.NewGuid().ToString("N")[..8]}");
        using var malformed = await anyone.GetAsync("/hsds/organizations?tenant=Not%20a%20tenant");

        Assert.Equal([susaPartner.ServiceId], susaServices.GetProperty("contents").EnumerateArray().Select(service => service.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(homeServices.GetProperty("contents").EnumerateArray(), service => service.GetProperty("id").GetGuid() == susaPartner.ServiceId);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/hsds/organizations/{susaPartner.OrganisationId}?tenant={susa.Tenant}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/hsds/organizations/{susaPartner.OrganisationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task a_partner_serving_two_tenants_receives_both_tenants_referrals_labelled_and_acts_on_each()
    {
        var susa = await OnboardedAsync();
        var homePartner = await home.AddPartnerAsync(name: "Croce Rossa");
        using var homeCoordinator = home.As("coordinator");
        using (var shared = await homeCoordinator.PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { tenantId = susa.Tenant }))
        {
            Assert.Equal(HttpStatusCode.NoContent, shared.StatusCode);
        }

        using var again = await homeCoordinator.PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { tenantId = susa.Tenant });
        using var nowhere = await homeCoordinator.PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { tenantId = "nowhere-at-all" });
        using var itself = await homeCoordinator.PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { tenantId = "default" });
        using var unnamed = await homeCoordinator.PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { });
        var unshared = (await home.AddPartnerAsync(name: "Casa Milano")).OrganisationId;
        using var notTheirs = await susa.As("coordinator").PostAsJsonAsync($"/organisations/{unshared}/shares", new { tenantId = "default" });
        using var asPartner = await home.Partner(homePartner).PostAsJsonAsync($"/organisations/{homePartner.OrganisationId}/shares", new { tenantId = susa.Tenant });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asPartner.StatusCode);

        // The valley's coordinators add the service the organisation offers there; each tenant refers its own client.
        var susaPartner = new Partner(homePartner.OrganisationId, await susa.AddServiceAsync(homePartner.OrganisationId, "family_reunification"));
        var homeReferral = await home.ReferAsync(await home.ConsentingClientAsync(homePartner), homePartner.ServiceId);
        referrals.Clock.Advance(TimeSpan.FromMinutes(1));
        var susaReferral = await susa.ReferAsync(await susa.ConsentingClientAsync(susaPartner), susaPartner.ServiceId);

        using var staff = referrals.CreateClient();
        staff.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.ForTenants("partner", ["default", susa.Tenant!], subject: "croce-rossa-staff", org: homePartner.OrganisationId.ToString()));
        async Task<(long, long)> ReadsLoggedAsync() => (await referrals.Environment.CountEventsAsync(ReferralsService.Name, "client_data_shown", "*DEFAULT*"),
            await referrals.Environment.CountEventsAsync(ReferralsService.Name, "client_data_shown", susa.Tenant!));
        var logged = await ReadsLoggedAsync();
        var bothInboxes = await staff.GetFromJsonAsync<JsonElement>("/inbox?sort=oldest");
        var loggedAfter = await ReadsLoggedAsync();
        var bothCounts = await staff.GetFromJsonAsync<JsonElement>("/inbox/counts");
        var homeInbox = await staff.GetFromJsonAsync<JsonElement>("/inbox?tenant=default");
        var susaInbox = await staff.GetFromJsonAsync<JsonElement>($"/inbox?tenant={susa.Tenant}");

        // One inbox of both tenants, oldest first, each referral labelled and shown as its own tenant's consents allow.
        Assert.Equal([(homeReferral, "default", true), (susaReferral, susa.Tenant, true)], bothInboxes.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("id").GetGuid(), item.GetProperty("tenantId").GetString(),
                item.TryGetProperty("client", out var client) && client.ValueKind == JsonValueKind.Object)));
        Assert.Equal((2, 2), (bothInboxes.GetProperty("total").GetInt32(), bothCounts.GetProperty("new").GetInt32()));
        // Each read is logged in the tenant whose client it is (then published to that tenant's access log).
        Assert.Equal((logged.Item1 + 1, logged.Item2 + 1), loggedAfter);
        Assert.Equal([(homeReferral, "default")], homeInbox.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("id").GetGuid(), item.GetProperty("tenantId").GetString())));
        Assert.Equal([(susaReferral, susa.Tenant)], susaInbox.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("id").GetGuid(), item.GetProperty("tenantId").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, (await Scenario.ActAsync(staff, susaReferral, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/referrals/{susaReferral}/accept?tenant={susa.Tenant}", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, homeReferral, "accept")).StatusCode);

        // Staff whose token names one tenant cannot choose another.
        using var homeOnly = home.Partner(homePartner);
        var chosen = await homeOnly.GetFromJsonAsync<JsonElement>($"/inbox?tenant={susa.Tenant}");
        Assert.DoesNotContain(chosen.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == susaReferral);
        Assert.Equal(HttpStatusCode.NotFound, (await homeOnly.GetAsync($"/referrals/{susaReferral}?tenant={susa.Tenant}")).StatusCode);
    }
}
