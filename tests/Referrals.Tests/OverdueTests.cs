using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Referrals.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

public sealed class OverdueTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    private OverdueSweep Sweep => referrals.Services.GetRequiredService<OverdueSweep>();

    [Fact]
    public async Task a_referral_nobody_answers_within_the_response_hours_becomes_overdue_once()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync(responseHours: 4);
        using var staff = scenario.Partner(partner);

        referrals.Clock.Advance(TimeSpan.FromHours(3));
        await Sweep.SweepAsync(CancellationToken.None);
        Assert.False((await Scenario.GetReferralAsync(staff, referralId)).GetProperty("isOverdue").GetBoolean());

        referrals.Clock.Advance(TimeSpan.FromHours(2));
        await Sweep.SweepAsync(CancellationToken.None);
        await Sweep.SweepAsync(CancellationToken.None);

        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.True(referral.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("sent", referral.GetProperty("status").GetString());
        Assert.Single(referral.GetProperty("timeline").EnumerateArray(), entry => entry.GetProperty("type").GetString() == "overdue");
        var overdueInbox = await staff.GetFromJsonAsync<JsonElement>("/inbox?overdue=true");
        Assert.Equal(referralId, Assert.Single(overdueInbox.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task an_answered_referral_never_becomes_overdue()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync(responseHours: 1);
        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, referralId, "waitlist", new { });

        referrals.Clock.Advance(TimeSpan.FromHours(5));
        await Sweep.SweepAsync(CancellationToken.None);

        Assert.False((await Scenario.GetReferralAsync(staff, referralId)).GetProperty("isOverdue").GetBoolean());
    }

    [Fact]
    public async Task an_overdue_referral_can_still_be_accepted()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync(responseHours: 1);
        using var staff = scenario.Partner(partner);
        referrals.Clock.Advance(TimeSpan.FromHours(2));
        await Sweep.SweepAsync(CancellationToken.None);

        using var accepted = await Scenario.ActAsync(staff, referralId, "accept");

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.Equal("accepted", referral.GetProperty("status").GetString());
        Assert.True(referral.GetProperty("isOverdue").GetBoolean());
    }
}
