using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

/// <summary>The partner's inbox as a work queue: by stage and urgency, never another organisation's.</summary>
public sealed class InboxQueueTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task the_inbox_groups_referrals_into_new_in_progress_waiting_and_closed_and_filters_by_urgency()
    {
        var partner = await scenario.AddPartnerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await scenario.ReferAsync(await scenario.ConsentingClientAsync(partner), partner.ServiceId));
        }

        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, ids[1], "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, ids[2], "waitlist", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, ids[3], "decline", new { reason = "no_capacity" })).StatusCode);

        Assert.Equal([ids[0]], await StageAsync(staff, "new"));
        Assert.Equal([ids[1]], await StageAsync(staff, "in_progress"));
        Assert.Equal([ids[2]], await StageAsync(staff, "waiting"));
        Assert.Equal([ids[3]], await StageAsync(staff, "closed"));
        Assert.Equal([ids[0]], await StageAsync(staff, "new&urgency=high"));
        Assert.Empty(await StageAsync(staff, "new&urgency=low"));
        Assert.Empty(await StageAsync(scenario.Partner(await scenario.AddPartnerAsync(name: "Other")), "new"));
        await Problems.AssertFieldErrorAsync(await staff.GetAsync("/inbox?stage=everything"), "stage");
        await Problems.AssertFieldErrorAsync(await staff.GetAsync("/inbox?urgency=now"), "urgency");
    }

    [Fact]
    public async Task a_name_finds_a_referral_only_when_consent_shares_who_it_is_for_and_a_service_narrows_the_inbox()
    {
        var partner = await scenario.AddPartnerAsync(name: "Casa Ricerca");
        var family = $"Qadiri{Guid.NewGuid():N}"[..14];
        var shared = await scenario.RegisterClientAsync(person: new Person("Nadia", family, new DateOnly(1992, 2, 2), "+39 333 0000001", "n@example.org"));
        await scenario.GiveConsentAsync(shared.ClientId, partner.OrganisationId);
        var unnamed = await scenario.RegisterClientAsync(person: new Person("Nadia", family, new DateOnly(1993, 3, 3), "+39 333 0000002", "m@example.org"));
        await scenario.GiveConsentAsync(unnamed.ClientId, partner.OrganisationId, dataCategories: ["contact", "needs"]);
        var sharedReferral = await scenario.ReferAsync(shared, partner.ServiceId);
        await scenario.ReferAsync(unnamed, partner.ServiceId);
        using var staff = scenario.Partner(partner);

        Assert.Equal([sharedReferral], await FoundAsync(staff, $"q={family}"));
        Assert.Equal([sharedReferral], await FoundAsync(staff, $"q={Uri.EscapeDataString($"nadia {family.ToUpperInvariant()}")}"));
        Assert.Empty(await FoundAsync(staff, $"q={Uri.EscapeDataString($"Samira {family}")}"));
        Assert.Empty(await FoundAsync(scenario.Partner(await scenario.AddPartnerAsync(name: "Altro Ricerca")), $"q={family}"));
        Assert.Equal(2, (await FoundAsync(staff, "q=HOUSING")).Count);

        var other = await scenario.AddServiceAsync(partner.OrganisationId, "legal");
        var viaOther = await scenario.ReferAsync(await scenario.ConsentingClientAsync(partner), other);
        Assert.Equal([viaOther], await FoundAsync(staff, $"serviceId={other}"));
        Assert.Equal([viaOther], await FoundAsync(staff, "q=legal"));
        Assert.Equal(2, (await FoundAsync(staff, $"serviceId={partner.ServiceId}")).Count);

        var services = await staff.GetFromJsonAsync<JsonElement>($"/directory?organisationId={partner.OrganisationId}");
        Assert.Equal(2, services.GetProperty("items").GetArrayLength());
        await Problems.AssertFieldErrorAsync(await staff.GetAsync($"/inbox?q={new string('x', 101)}"), "q");
        await Problems.AssertFieldErrorAsync(await staff.GetAsync("/inbox?serviceId=not-a-guid"), "serviceId");
    }

    [Fact]
    public async Task the_counts_follow_the_stages_and_filters_and_their_signal_moves_with_any_change_without_recording_a_read()
    {
        var partner = await scenario.AddPartnerAsync(name: "Casa Conti");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await scenario.ReferAsync(await scenario.ConsentingClientAsync(partner), partner.ServiceId));
        }

        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, ids[1], "accept")).StatusCode);
        var reads = await ReadsAsync();

        var counts = await staff.GetFromJsonAsync<JsonElement>("/inbox/counts");
        Assert.Equal((2, 1, 0, 0, 0), (Count(counts, "new"), Count(counts, "inProgress"), Count(counts, "waiting"), Count(counts, "closed"), Count(counts, "overdue")));
        Assert.Equal(0, Count(await staff.GetFromJsonAsync<JsonElement>("/inbox/counts?urgency=low"), "new"));
        Assert.Equal(3, Count(await staff.GetFromJsonAsync<JsonElement>("/inbox/counts?q=Haddad"), "new")
            + Count(await staff.GetFromJsonAsync<JsonElement>("/inbox/counts?q=Haddad"), "inProgress"));
        var before = counts.GetProperty("changes").GetString();
        Assert.Equal(before, (await staff.GetFromJsonAsync<JsonElement>("/inbox/counts")).GetProperty("changes").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, ids[0], "decline", new { reason = "no_capacity" })).StatusCode);
        Assert.NotEqual(before, (await staff.GetFromJsonAsync<JsonElement>("/inbox/counts")).GetProperty("changes").GetString());
        Assert.Equal(reads, await ReadsAsync());
        await Problems.AssertFieldErrorAsync(await staff.GetAsync("/inbox/counts?urgency=now"), "urgency");
        await Problems.AssertFieldErrorAsync(await staff.GetAsync("/inbox/counts?serviceId=not-a-guid"), "serviceId");
        await Problems.AssertFieldErrorAsync(await staff.GetAsync($"/inbox/counts?q={new string('x', 101)}"), "q");
    }

    [Fact]
    public async Task the_case_workers_record_learns_that_a_partner_answered_without_reading_the_client_again()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var caseworker = scenario.As("caseworker");
        using var elsewhere = scenario.As("caseworker", office: "another-office");
        var reads = await ReadsAsync();
        var before = (await caseworker.GetFromJsonAsync<JsonElement>($"/referrals/changes?clientId={client.ClientId}")).GetProperty("changes").GetString();

        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "accept")).StatusCode);

        Assert.NotEqual(before, (await caseworker.GetFromJsonAsync<JsonElement>($"/referrals/changes?clientId={client.ClientId}")).GetProperty("changes").GetString());
        Assert.Equal("0.0", (await elsewhere.GetFromJsonAsync<JsonElement>($"/referrals/changes?clientId={client.ClientId}")).GetProperty("changes").GetString());
        Assert.Equal(reads, await ReadsAsync());
        await Problems.AssertFieldErrorAsync(await caseworker.GetAsync("/referrals/changes"), "clientId");
    }

    private static long Count(JsonElement counts, string stage) => counts.GetProperty(stage).GetInt64();

    private async Task<int> ReadsAsync()
    {
        await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync(e => e.EventTypeName == "client_data_shown");
    }

    [Fact]
    public async Task the_partner_sees_who_sent_the_referral()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);

        var referral = await Scenario.GetReferralAsync(staff, referralId);

        Assert.False(string.IsNullOrWhiteSpace(referral.GetProperty("sentByName").GetString()));
    }

    private static async Task<IReadOnlyList<Guid>> FoundAsync(HttpClient staff, string query) =>
        [.. (await staff.GetFromJsonAsync<JsonElement>($"/inbox?{query}&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetGuid())];

    private static async Task<IReadOnlyList<Guid>> StageAsync(HttpClient staff, string stage) =>
        [.. (await staff.GetFromJsonAsync<JsonElement>($"/inbox?stage={stage}")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetGuid())];
}
