using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Clients;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

public sealed class ClientReferenceTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    [Fact]
    public async Task a_registered_client_arrives_without_name_or_date_of_birth()
    {
        var message = new IntakeEvents.ClientRegistered(Guid.NewGuid(), "Amina", "Yusuf", new DateOnly(1991, 4, 12), DateTimeOffset.UtcNow) { Office = TestTokens.Office };

        await mediators.Environment.Bus.Publish(message, context => context.MessageId = NewId.NextGuid());

        using var http = mediators.CreateClient().As("coordinator");
        var body = await Eventually.GetAsync(async () =>
        {
            using var response = await http.GetAsync($"/clients/{message.ClientId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }, "the client reference");
        Assert.DoesNotContain("Amina", body, StringComparison.Ordinal);
        Assert.DoesNotContain("1991-04-12", body, StringComparison.Ordinal);
        Assert.Equal(message.ClientId, JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task a_message_delivered_twice_with_the_same_id_changes_the_read_model_once()
    {
        var message = new IntakeEvents.ClientRegistered(Guid.NewGuid(), "Tigist", "Haile", new DateOnly(2001, 7, 18), DateTimeOffset.UtcNow) { Office = TestTokens.Office };
        var messageId = NewId.NextGuid();
        var bus = mediators.Environment.Bus;
        var before = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>() + mediators.Consumes.Faulted<IntakeEvents.ClientRegistered>();

        await bus.Publish(message, context => context.MessageId = messageId);
        await bus.Publish(message, context => context.MessageId = messageId);
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(before + 2);

        Assert.Equal(0, mediators.Consumes.Faulted<IntakeEvents.ClientRegistered>());
        await using var session = mediators.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(message.ClientId));
        Assert.Equal(1, (await session.LoadAsync<ClientReference>(message.ClientId))?.Version);
    }
}
