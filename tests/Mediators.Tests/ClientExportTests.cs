using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

public sealed class ClientExportTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task the_export_holds_every_booking_of_the_client()
    {
        var clientId = Guid.NewGuid();
        var before = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await mediators.Environment.Bus.Publish(
            new IntakeEvents.ClientRegistered(clientId, "Senait", "Gebre", new DateOnly(1990, 1, 1), DateTimeOffset.UtcNow) { Office = TestTokens.Office },
            context => context.MessageId = NewId.NextGuid());
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(before + 1);
        var mediator = await pool.RegisterAsync("am");
        using var response = await pool.TryBookAsync(new { language = "am", start = Pool.Monday(1, 9), durationMinutes = 60, mode = "phone", clientId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var coordinator = pool.As("coordinator");

        var export = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/export");

        Assert.Equal(clientId, export.GetProperty("client").GetProperty("id").GetGuid());
        Assert.Equal(mediator, Assert.Single(export.GetProperty("bookings").EnumerateArray()).GetProperty("mediatorId").GetGuid());
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync($"/clients/{clientId}/export")).StatusCode);
    }
}
