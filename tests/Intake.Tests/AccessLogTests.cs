using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

public sealed class AccessLogTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task every_read_of_a_clients_data_is_in_their_access_log_newest_first()
    {
        using var desk = intake.CreateClient().As("frontdesk", subject: "desk-7");
        using var caseworker = intake.CreateClient().As("caseworker", subject: "worker-3");
        using var coordinator = intake.CreateClient().As("coordinator", subject: "coordinator-1");
        var familyName = IntakeApi.UniqueName();
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient("Selam", familyName, "1993-05-02"));

        await desk.GetClientAsync(clientId);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients?q={Uri.EscapeDataString($"Selam {familyName}")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/clients/{clientId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync("/clients/duplicate-check",
            new { givenName = "Selam", familyName, dateOfBirth = "1993-05-02" })).StatusCode);

        var log = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/access-log");

        var entries = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, log.GetProperty("total").GetInt32());
        Assert.Equal(["CheckDuplicates", "GetClientHistory", "SearchClients", "GetClient"], entries.Select(entry => entry.GetProperty("endpoint").GetString()));
        Assert.Equal(["desk-7", "worker-3", "desk-7", "desk-7"], entries.Select(entry => entry.GetProperty("by").GetString()));
        Assert.Equal("caseworker", entries[1].GetProperty("role").GetString());
        Assert.All(entries, entry => Assert.Equal("intake", entry.GetProperty("service").GetString()));
        Assert.All(entries, entry => Assert.Equal(TestTokens.Office, entry.GetProperty("office").GetString()));
    }

    [Fact]
    public async Task a_read_in_another_service_arrives_once_however_often_it_is_delivered()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        var partner = Guid.NewGuid();
        var viewed = new ReferralEvents.ClientDataViewed(clientId, "partner-9", "partner", partner, null, "referrals", "GetReferral", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        var before = intake.Consumes.Completed<ReferralEvents.ClientDataViewed>() + intake.Consumes.Faulted<ReferralEvents.ClientDataViewed>();

        var bus = intake.Environment.Bus;
        await bus.Publish(viewed, context => context.MessageId = messageId);
        await bus.Publish(viewed, context => context.MessageId = messageId);
        await intake.Consumes.WaitForAsync<ReferralEvents.ClientDataViewed>(before + 2);

        var log = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/access-log");
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray(), item => item.GetProperty("service").GetString() == "referrals");
        Assert.Equal("partner-9", entry.GetProperty("by").GetString());
        Assert.Equal(partner, entry.GetProperty("organisation").GetGuid());
        Assert.Equal("GetReferral", entry.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task only_coordinators_read_the_access_log_of_a_known_client()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync($"/clients/{clientId}/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/clients/{Guid.NewGuid()}/access-log")).StatusCode);
        await Problems.AssertFieldErrorAsync(await coordinator.GetAsync($"/clients/{clientId}/access-log?pageSize=0"), "pageSize");
    }
}
