using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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

    private static async Task<IReadOnlyList<Guid>> StageAsync(HttpClient staff, string stage) =>
        [.. (await staff.GetFromJsonAsync<JsonElement>($"/inbox?stage={stage}")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("id").GetGuid())];
}
