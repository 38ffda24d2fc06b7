using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Eventing;
using Integration.Referrals.Clients;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

public sealed class ClientReferenceTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    [Fact]
    public async Task a_registered_client_arrives_in_the_referrals_read_model()
    {
        var message = NewRegistration("Oleksandr", "Kovalenko");

        await PublishAsync(message, NewId.NextGuid());

        using var http = referrals.CreateClient().As("coordinator");
        var body = await Eventually.GetAsync(async () =>
        {
            using var response = await http.GetAsync($"/clients/{message.ClientId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }, "the client reference");
        var client = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Oleksandr", client.GetProperty("givenName").GetString());
        Assert.Equal("Kovalenko", client.GetProperty("familyName").GetString());
        Assert.Equal("1985-09-30", client.GetProperty("dateOfBirth").GetString());
    }

    [Fact]
    public async Task a_message_delivered_twice_with_the_same_id_changes_the_read_model_once()
    {
        var message = NewRegistration("Mohammed", "Al-Hassan");
        var messageId = NewId.NextGuid();
        var before = referrals.Consumes.Completed<IntakeEvents.ClientRegistered>() + referrals.Consumes.Faulted<IntakeEvents.ClientRegistered>();

        await Task.WhenAll(PublishAsync(message, messageId), PublishAsync(message, messageId));
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(before + 2);

        Assert.Equal(0, referrals.Consumes.Faulted<IntakeEvents.ClientRegistered>());
        await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stream = await session.Events.FetchStreamAsync(message.ClientId);
        Assert.Single(stream);
        Assert.Equal(1, (await session.LoadAsync<ClientReference>(message.ClientId))?.Version);
        Assert.Equal(1, await session.Query<ProcessedMessage>().CountAsync(marker => marker.MessageId == messageId));
    }

    [Fact]
    public async Task reading_client_references_needs_a_token()
    {
        using var http = referrals.CreateClient();

        using var response = await http.GetAsync("/clients");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?pageSize=201")]
    [InlineData("?pageSize=0")]
    public async Task a_page_out_of_range_is_a_field_error(string query)
    {
        using var http = referrals.CreateClient().As("coordinator");

        using var response = await http.GetAsync($"/clients{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task client_references_list_in_pages_with_the_total()
    {
        var messages = Enumerable.Range(1, 3).Select(i => NewRegistration($"Given{i}", $"Family{i}")).ToList();
        var before = referrals.Consumes.Completed<IntakeEvents.ClientRegistered>();
        foreach (var message in messages)
        {
            await PublishAsync(message, NewId.NextGuid());
        }

        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(before + messages.Count);
        using var http = referrals.CreateClient().As("coordinator");
        var page = await http.GetFromJsonAsync<JsonElement>("/clients?page=1&pageSize=2");

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt64() >= messages.Count);
    }

    private static IntakeEvents.ClientRegistered NewRegistration(string givenName, string familyName) =>
        new(Guid.NewGuid(), givenName, familyName, new DateOnly(1985, 9, 30), DateTimeOffset.UtcNow);

    private Task PublishAsync(IntakeEvents.ClientRegistered message, Guid messageId) =>
        referrals.Environment.Bus.Publish(message, context => context.MessageId = messageId);
}
