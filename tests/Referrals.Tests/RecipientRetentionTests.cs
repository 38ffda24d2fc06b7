using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Referrals.Tests;

/// <summary>
/// A recipient sees the person only while it works with them: while the referral is open, and for a
/// month after completing it, never after declining it or after it went elsewhere, whatever the
/// consent still says. Neither the referral nor a name search in the inbox shows them then.
/// </summary>
public sealed class RecipientRetentionTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task a_partner_that_declined_no_longer_sees_the_person()
    {
        var family = $"Rahimi{Guid.NewGuid():N}"[..16];
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync(person: Scenario.Amina with { FamilyName = family });
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);
        using var staff = scenario.Partner(partner);
        Assert.Equal(family, (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("client").GetProperty("familyName").GetString());

        using (var declined = await Scenario.ActAsync(staff, referralId, "decline", new { reason = "no_capacity" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        }

        var seen = await Scenario.GetReferralAsync(staff, referralId);
        Assert.False(seen.TryGetProperty("client", out _));
        Assert.Empty(seen.GetProperty("sharedDataCategories").EnumerateArray());
        Assert.Equal(0, (await staff.GetFromJsonAsync<JsonElement>($"/inbox?q={family}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task a_partner_sees_the_person_for_a_month_after_completing_and_not_after()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "complete", new { outcome = "service_delivered" })).StatusCode);

        referrals.Clock.Advance(TimeSpan.FromDays(29));
        Assert.True((await Scenario.GetReferralAsync(staff, referralId)).TryGetProperty("client", out _));

        referrals.Clock.Advance(TimeSpan.FromDays(2));
        Assert.False((await Scenario.GetReferralAsync(staff, referralId)).TryGetProperty("client", out _));
    }
}
