using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Testing;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>Intake merged two records of one person: referrals, consents and needs follow to the survivor, and back at an unmerge.</summary>
public sealed class ClientMergeTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task a_merge_moves_the_duplicates_referrals_consents_and_needs_to_the_survivor_and_an_unmerge_moves_them_back()
    {
        var partner = await scenario.AddPartnerAsync();
        var survivor = await scenario.RegisterClientAsync();
        var duplicate = await scenario.ConsentingClientAsync(partner);
        var referralId = await scenario.ReferAsync(duplicate, partner.ServiceId);
        using var coordinator = scenario.As("coordinator");

        var merged = new IntakeEvents.ClientsMerged(survivor.ClientId, duplicate.ClientId, [duplicate.NeedId], [], DateTimeOffset.UtcNow);
        await scenario.PublishAsync(merged);
        await scenario.PublishAsync(merged);

        await Eventually.HoldsAsync(async () =>
            (await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("clientId").GetGuid() == survivor.ClientId, "the referral on the survivor");
        Assert.True((await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("version").GetInt32() > 1);
        var kept = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor.ClientId}");
        Assert.Equal(new[] { survivor.NeedId, duplicate.NeedId }.Order(), kept.GetProperty("needs").EnumerateArray().Select(need => need.GetProperty("id").GetGuid()).Order());
        var consents = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor.ClientId}/consents");
        Assert.Single(consents.EnumerateArray());
        using var referDuplicate = await scenario.TryReferAsync(duplicate, partner.ServiceId);
        Assert.Equal(HttpStatusCode.Conflict, referDuplicate.StatusCode);
        Assert.Equal("client_merged", await Scenario.CodeOf(referDuplicate));
        using var referAbsorbedNeed = await scenario.TryReferAsync(new KnownClient(survivor.ClientId, duplicate.NeedId), partner.ServiceId);
        Assert.True(referAbsorbedNeed.StatusCode == HttpStatusCode.Created, await referAbsorbedNeed.Content.ReadAsStringAsync());

        var unmerges = referrals.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await scenario.PublishAsync(new IntakeEvents.ClientsUnmerged(survivor.ClientId, duplicate.ClientId, DateTimeOffset.UtcNow));
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);

        await Eventually.HoldsAsync(async () =>
            (await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("clientId").GetGuid() == duplicate.ClientId, "the referral back on the duplicate");
        var split = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor.ClientId}");
        Assert.Equal([survivor.NeedId], split.GetProperty("needs").EnumerateArray().Select(need => need.GetProperty("id").GetGuid()));
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor.ClientId}/consents")).EnumerateArray());
        Assert.Single((await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{duplicate.ClientId}/consents")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, (await scenario.TryReferAsync(duplicate, partner.ServiceId)).StatusCode);
    }

    [Fact]
    public async Task an_unmerge_that_overtakes_its_merge_leaves_the_referrals_where_they_were()
    {
        var partner = await scenario.AddPartnerAsync();
        var survivor = await scenario.RegisterClientAsync();
        var duplicate = await scenario.ConsentingClientAsync(partner);
        var referralId = await scenario.ReferAsync(duplicate, partner.ServiceId);
        using var coordinator = scenario.As("coordinator");
        var mergedAt = DateTimeOffset.UtcNow;

        var unmerges = referrals.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await scenario.PublishAsync(new IntakeEvents.ClientsUnmerged(survivor.ClientId, duplicate.ClientId, mergedAt.AddSeconds(1)));
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);
        var merges = referrals.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await scenario.PublishAsync(new IntakeEvents.ClientsMerged(survivor.ClientId, duplicate.ClientId, [duplicate.NeedId], [], mergedAt));
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);

        Assert.Equal(duplicate.ClientId, (await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("clientId").GetGuid());
        var kept = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{survivor.ClientId}");
        Assert.Equal([survivor.NeedId], kept.GetProperty("needs").EnumerateArray().Select(need => need.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task a_merge_into_another_survivor_that_overtakes_the_unmerge_from_the_first_moves_the_referral_and_the_needs_there()
    {
        var partner = await scenario.AddPartnerAsync();
        var first = await scenario.RegisterClientAsync();
        var second = await scenario.RegisterClientAsync();
        var duplicate = await scenario.ConsentingClientAsync(partner);
        var referralId = await scenario.ReferAsync(duplicate, partner.ServiceId);
        using var coordinator = scenario.As("coordinator");
        var t = DateTimeOffset.UtcNow;

        await DeliverAsync(new IntakeEvents.ClientsMerged(first.ClientId, duplicate.ClientId, [duplicate.NeedId], [], t));
        await DeliverAsync(new IntakeEvents.ClientsMerged(second.ClientId, duplicate.ClientId, [duplicate.NeedId], [], t.AddSeconds(2)));
        await DeliverAsync(new IntakeEvents.ClientsUnmerged(first.ClientId, duplicate.ClientId, t.AddSeconds(1)));

        Assert.Equal(second.ClientId, (await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("clientId").GetGuid());
        var needsOf = async (Guid clientId) => (await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}")).GetProperty("needs")
            .EnumerateArray().Select(need => need.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([first.NeedId], await needsOf(first.ClientId));
        Assert.Contains(duplicate.NeedId, await needsOf(second.ClientId));
    }

    private async Task DeliverAsync(IntakeEvents.ClientsMerged message)
    {
        var merges = referrals.Consumes.Completed<IntakeEvents.ClientsMerged>();
        await scenario.PublishAsync(message);
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientsMerged>(merges + 1);
    }

    private async Task DeliverAsync(IntakeEvents.ClientsUnmerged message)
    {
        var unmerges = referrals.Consumes.Completed<IntakeEvents.ClientsUnmerged>();
        await scenario.PublishAsync(message);
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientsUnmerged>(unmerges + 1);
    }
}
