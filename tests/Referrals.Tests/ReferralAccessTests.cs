using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Referrals.Tests;

public sealed class ReferralAccessTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task another_organisations_referral_does_not_exist_for_a_partner()
    {
        var (_, _, referralId) = await scenario.SentReferralAsync();
        var stranger = await scenario.AddPartnerAsync(name: "Altra Casa");
        using var otherStaff = scenario.Partner(stranger);

        using var read = await otherStaff.GetAsync($"/referrals/{referralId}");
        using var accept = await Scenario.ActAsync(otherStaff, referralId, "accept");
        using var staleAccept = new HttpRequestMessage(HttpMethod.Post, $"/referrals/{referralId}/accept");
        staleAccept.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        using var stale = await otherStaff.SendAsync(staleAccept);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        var inbox = await otherStaff.GetFromJsonAsync<JsonElement>("/inbox");
        Assert.Equal(0, inbox.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task case_workers_of_another_office_neither_see_nor_refer_nor_withdraw_the_offices_clients_and_referrals()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var bari = scenario.As("caseworker", office: "bari");
        using var coordinator = scenario.As("coordinator", office: null);

        Assert.Equal(HttpStatusCode.NotFound, (await bari.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Scenario.ActAsync(bari, referralId, "withdraw", new { reason = "Moved" })).StatusCode);
        Assert.Equal(0, (await bari.GetFromJsonAsync<JsonElement>($"/referrals?clientId={client.ClientId}")).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await bari.GetAsync($"/clients/{client.ClientId}")).StatusCode);
        Assert.DoesNotContain(client.ClientId, (await bari.GetFromJsonAsync<JsonElement>("/clients?pageSize=200")).GetProperty("items")
            .EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await bari.GetAsync($"/clients/{client.ClientId}/consents")).StatusCode);
        using var refer = await bari.PostAsJsonAsync("/referrals",
            new { clientId = client.ClientId, needId = client.NeedId, serviceId = partner.ServiceId, urgency = "high" });
        Assert.Equal("unknown_client", await Scenario.CodeOf(refer));
        var elsewhere = (await scenario.AddPartnerAsync(name: "Casa Nuova")).ServiceId;
        using var redirect = await bari.PostAsJsonAsync($"/referrals/{referralId}/redirect", new { serviceId = elsewhere });
        using var redirectUnknown = await bari.PostAsJsonAsync($"/referrals/{Guid.NewGuid()}/redirect", new { serviceId = elsewhere });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (redirect.StatusCode, redirectUnknown.StatusCode));

        using var own = scenario.As("caseworker");
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/clients/{client.ClientId}")).StatusCode);
        Assert.Equal(1, (await own.GetFromJsonAsync<JsonElement>($"/referrals?clientId={client.ClientId}")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await coordinator.GetFromJsonAsync<JsonElement>($"/referrals?clientId={client.ClientId}")).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/clients/{client.ClientId}")).StatusCode);
    }

    [Fact]
    public async Task the_inbox_lists_the_organisations_referrals_newest_first_in_pages_and_filters_by_status()
    {
        var partner = await scenario.AddPartnerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var client = await scenario.ConsentingClientAsync(partner);
            ids.Add(await scenario.ReferAsync(client, partner.ServiceId));
            referrals.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, ids[0], "accept");

        var firstPage = await staff.GetFromJsonAsync<JsonElement>("/inbox?pageSize=2");
        var sent = await staff.GetFromJsonAsync<JsonElement>("/inbox?status=sent");
        Assert.Equal(3, firstPage.GetProperty("total").GetInt64());
        Assert.Equal([ids[2], ids[1]], firstPage.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(2, sent.GetProperty("total").GetInt64());
        using var badStatus = await staff.GetAsync("/inbox?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task the_inbox_sorts_oldest_first_or_by_answer_due_and_refuses_an_unknown_order()
    {
        var partner = await scenario.AddPartnerAsync(responseHours: 72);
        var quickService = await scenario.AddServiceAsync(partner.OrganisationId, "housing", responseHours: 4);
        var ids = new List<Guid>();
        foreach (var service in new[] { partner.ServiceId, quickService, partner.ServiceId })
        {
            ids.Add(await scenario.ReferAsync(await scenario.ConsentingClientAsync(partner), service));
            referrals.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        using var staff = scenario.Partner(partner);

        async Task<List<Guid>> OrderAsync(string sort) =>
            [.. (await staff.GetFromJsonAsync<JsonElement>($"/inbox?sort={sort}")).GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty("id").GetGuid())];

        Assert.Equal([ids[2], ids[1], ids[0]], await OrderAsync("newest"));
        Assert.Equal([ids[0], ids[1], ids[2]], await OrderAsync("oldest"));
        Assert.Equal([ids[1], ids[0], ids[2]], await OrderAsync("due"));
        using var badSort = await staff.GetAsync("/inbox?sort=urgency");
        await Problems.AssertFieldErrorAsync(badSort, "sort");
        using var caseworker = scenario.As("caseworker");
        using var badListSort = await caseworker.GetAsync($"/referrals?clientId={Guid.NewGuid()}&sort=urgency");
        await Problems.AssertFieldErrorAsync(badListSort, "sort");
    }

    [Fact]
    public async Task the_inbox_is_for_partner_staff_with_an_organisation()
    {
        using var caseworker = scenario.As("caseworker");
        using var partnerWithoutOrganisation = scenario.As("partner");
        using var anonymous = referrals.CreateClient();

        using var byCaseworker = await caseworker.GetAsync("/inbox");
        using var byPartner = await partnerWithoutOrganisation.GetAsync("/inbox");
        using var byNobody = await anonymous.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Forbidden, byCaseworker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }

    [Fact]
    public async Task only_case_workers_create_referrals()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner);
        using var frontdesk = scenario.As("frontdesk");

        using var response = await frontdesk.PostAsJsonAsync("/referrals",
            new { clientId = client.ClientId, needId = client.NeedId, serviceId = partner.ServiceId, urgency = "low" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{}", "clientId")]
    [InlineData("{\"clientId\":\"00000000-0000-0000-0000-000000000001\"}", "urgency")]
    [InlineData("{\"clientId\":\"00000000-0000-0000-0000-000000000001\",\"needId\":\"00000000-0000-0000-0000-000000000001\",\"serviceId\":\"00000000-0000-0000-0000-000000000001\",\"urgency\":\"whenever\"}", "urgency")]
    public async Task an_incomplete_referral_is_a_field_error(string body, string field)
    {
        using var caseworker = scenario.As("caseworker");

        using var response = await caseworker.PostAsync("/referrals", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task unknown_clients_needs_and_services_have_their_own_codes()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner);

        using var unknownClient = await scenario.TryReferAsync(client with { ClientId = Guid.NewGuid() }, partner.ServiceId);
        using var unknownNeed = await scenario.TryReferAsync(client with { NeedId = Guid.NewGuid() }, partner.ServiceId);
        using var unknownService = await scenario.TryReferAsync(client, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownClient.StatusCode);
        foreach (var (response, code, field) in new[]
                 {
                     (unknownClient, "unknown_client", "clientId"), (unknownNeed, "unknown_need", "needId"), (unknownService, "unknown_service", "serviceId"),
                 })
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        }
    }

    [Fact]
    public async Task the_same_idempotency_key_and_body_create_one_referral()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner);
        using var caseworker = scenario.As("caseworker");
        caseworker.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var body = new { clientId = client.ClientId, needId = client.NeedId, serviceId = partner.ServiceId, urgency = "urgent" };

        using var first = await caseworker.PostAsJsonAsync("/referrals", body);
        using var second = await caseworker.PostAsJsonAsync("/referrals", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var list = await caseworker.GetFromJsonAsync<JsonElement>($"/referrals?clientId={client.ClientId}");
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task a_new_referral_answers_201_with_its_location_and_reads_back_with_an_etag()
    {
        var partner = await scenario.AddPartnerAsync(responseHours: 24);
        var client = await scenario.ConsentingClientAsync(partner);

        using var created = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var caseworker = scenario.As("caseworker");
        using var read = await caseworker.GetAsync(created.Headers.Location);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var referral = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sent", referral.GetProperty("status").GetString());
        Assert.Equal("high", referral.GetProperty("urgency").GetString());
        Assert.Equal("housing", referral.GetProperty("category").GetString());
        Assert.Equal(TestTokens.Office, referral.GetProperty("office").GetString());
        Assert.Equal(referral.GetProperty("createdAt").GetDateTimeOffset().AddHours(24), referral.GetProperty("responseDueAt").GetDateTimeOffset());
    }
}
