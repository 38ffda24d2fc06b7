using System.Net;
using Integration.Referrals.Access;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

public sealed class ClientDataAccessTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task every_read_that_shows_client_data_is_recorded_for_the_access_log_and_a_coordinators_is_not()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        using var caseworker = scenario.As("caseworker");
        using var coordinator = scenario.As("coordinator");

        var before = await ShownAsync(client.ClientId);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/clients/{client.ClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "accept")).StatusCode);

        var shown = (await ShownAsync(client.ClientId)).Skip(before.Count).ToList();
        Assert.Equal(["GetClientReference", "GetReferral", "Inbox"], shown.Select(read => read.Endpoint).Order());
        Assert.Equal(["caseworker-user", "partner-user", "partner-user"], shown.Select(read => read.By).Order());
        Assert.All(shown.Where(read => read.Role == "partner"), read => Assert.Equal(partner.OrganisationId, read.Organisation));
        Assert.Equal(2, (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("version").GetInt32());
    }

    /// <summary>The recorded reads of a client, in the order they were committed.</summary>
    private async Task<IReadOnlyList<ClientDataShown>> ShownAsync(Guid clientId)
    {
        await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "client_data_shown").OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Select(e => (ClientDataShown)e.Data).Where(read => read.ClientId == clientId)];
    }
}
