using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>Referrals follows intake's changes of a client, in whatever order the queues deliver them.</summary>
public sealed class ClientChangesTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task contact_languages_and_legal_status_changes_reach_the_client_reference()
    {
        var client = await scenario.RegisterClientAsync();

        await scenario.PublishAsync(new IntakeEvents.ClientContactChanged(client.ClientId, "Monza", DateTimeOffset.UtcNow) { Phone = "+39 039 555" });
        await scenario.PublishAsync(new IntakeEvents.ClientLanguagesChanged(client.ClientId, [new IntakeEvents.LanguageSkill("it", "basic")], "it", false,
            DateTimeOffset.UtcNow));
        await scenario.PublishAsync(new IntakeEvents.ClientLegalStatusChanged(client.ClientId, "refugee", new DateOnly(2031, 1, 1), DateTimeOffset.UtcNow));

        var reference = await ReferenceWhenAsync(client.ClientId, reference => reference.GetProperty("version").GetInt32() == 5);
        Assert.Equal("Monza", reference.GetProperty("contact").GetProperty("municipality").GetString());
        Assert.Equal("+39 039 555", reference.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal("it", reference.GetProperty("languages").GetProperty("preferred").GetString());
        Assert.Equal("refugee", reference.GetProperty("legalStatusCategory").GetString());
    }

    [Fact]
    public async Task a_need_that_overtakes_the_registration_is_applied_once_the_client_is_known()
    {
        var clientId = Guid.NewGuid();
        var needId = Guid.NewGuid();

        await scenario.PublishAsync(new IntakeEvents.NeedAdded(clientId, needId, "health", "medium", "Diabetes follow-up", DateTimeOffset.UtcNow));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await scenario.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Tigist", "Haile", new DateOnly(2001, 7, 18), DateTimeOffset.UtcNow));

        var reference = await ReferenceWhenAsync(clientId, reference => reference.GetProperty("needs").GetArrayLength() == 1);
        Assert.Equal(needId, reference.GetProperty("needs")[0].GetProperty("id").GetGuid());
        Assert.Equal(2, reference.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task a_resolved_need_can_no_longer_be_referred()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner);

        await scenario.PublishAsync(new IntakeEvents.NeedResolved(client.ClientId, client.NeedId, "met", DateTimeOffset.UtcNow));
        await ReferenceWhenAsync(client.ClientId, reference => reference.GetProperty("needs")[0].GetProperty("status").GetString() == "resolved");
        using var response = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("need_resolved", await Scenario.CodeOf(response));
    }

    [Fact]
    public async Task partner_staff_cannot_read_client_references()
    {
        var client = await scenario.RegisterClientAsync();
        using var partner = scenario.As("partner", Guid.NewGuid());

        using var response = await partner.GetAsync($"/clients/{client.ClientId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonElement> ReferenceWhenAsync(Guid clientId, Func<JsonElement, bool> condition)
    {
        using var caseworker = scenario.As("coordinator");
        var body = await Eventually.GetAsync(async () =>
        {
            using var response = await caseworker.GetAsync($"/clients/{clientId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var reference = await response.Content.ReadFromJsonAsync<JsonElement>();
            return condition(reference) ? reference.GetRawText() : null;
        }, $"client {clientId} in the expected state");
        return JsonDocument.Parse(body).RootElement;
    }
}
