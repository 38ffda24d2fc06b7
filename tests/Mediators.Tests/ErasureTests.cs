using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

public sealed class ErasureTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task erasure_masks_where_the_client_met_and_why_cancels_what_is_to_come_keeps_the_requests_counted_and_is_confirmed_to_intake()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var clientId = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Grace", "Mbala", new DateOnly(1985, 5, 5), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);
        await pool.RegisterAsync("ln");
        var start = Pool.Monday(1, 9);
        var kept = await BookAsync(new { language = "ln", start, durationMinutes = 60, mode = "in_person", location = $"Via {tag} 12", clientId });
        var cancelled = await BookAsync(new { language = "ln", start = start.AddHours(3), durationMinutes = 60, mode = "phone", clientId });
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(desk, cancelled, "cancel", new { reason = $"Cancelled because {tag}" })).StatusCode);
        string[] personal = [$"Via {tag} 12", $"Cancelled because {tag}"];
        Assert.Equal(personal.Length, (await ScanAsync(personal)).Select(hit => hit.Split(": ")[1]).Distinct().Count());
        var demandBefore = await DemandAsync(start);
        await using var confirmations = await PublishedMessages.ListenAsync<IntakeEvents.ClientErasureConfirmed>(mediators.Environment.Bus);

        await pool.PublishAsync(new IntakeEvents.ClientErased(clientId, DateTimeOffset.UtcNow));

        var confirmation = await confirmations.WaitForAsync(message => message.ClientId == clientId, "mediators' erasure confirmation");
        Assert.Equal("mediators", confirmation.Service);
        Assert.Empty(await ScanAsync(personal));
        var (before, after) = (JsonDocument.Parse(demandBefore).RootElement.GetProperty("totals"), JsonDocument.Parse(await DemandAsync(start)).RootElement.GetProperty("totals"));
        Assert.Equal(before.GetProperty("requests").GetInt64(), after.GetProperty("requests").GetInt64());
        Assert.Equal(before.GetProperty("cancelled").GetInt64() + 1, after.GetProperty("cancelled").GetInt64());
        var booking = await pool.GetBookingAsync(kept);
        Assert.False(booking.TryGetProperty("location", out _));
        Assert.Equal(("cancelled", "[erased]"), (booking.GetProperty("status").GetString(), booking.GetProperty("cancellationReason").GetString()));
        Assert.Equal("[erased]", (await pool.GetBookingAsync(cancelled)).GetProperty("cancellationReason").GetString());

        using var another = await pool.TryBookAsync(new { language = "ln", start = start.AddDays(1), durationMinutes = 60, mode = "phone", clientId });
        await another.ProblemAsync(HttpStatusCode.Gone, "client_erased");
    }

    [Fact]
    public async Task an_erasure_that_overtakes_the_registration_is_confirmed_once_and_the_late_registration_is_dropped()
    {
        var clientId = Guid.NewGuid();
        await using var confirmations = await PublishedMessages.ListenAsync<IntakeEvents.ClientErasureConfirmed>(mediators.Environment.Bus);
        var erased = new IntakeEvents.ClientErased(clientId, DateTimeOffset.UtcNow);

        await pool.PublishAsync(erased);
        await pool.PublishAsync(erased);
        await confirmations.WaitForAsync(message => message.ClientId == clientId, "mediators' erasure confirmation");
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Selam", "Tesfaye", new DateOnly(1993, 3, 3), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);

        Assert.Equal(0, mediators.Consumes.Faulted<IntakeEvents.ClientRegistered>());
        Assert.Single(confirmations.Received, message => message.ClientId == clientId);
        await using var session = mediators.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(clientId));
        using var booking = await pool.TryBookAsync(new { language = "ln", start = Pool.Monday(2, 9), durationMinutes = 60, mode = "phone", clientId });
        await booking.ProblemAsync(HttpStatusCode.Gone, "client_erased");
    }

    private async Task<Guid> BookAsync(object body)
    {
        using var response = await pool.TryBookAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
    }

    private Task<IReadOnlyList<string>> ScanAsync(IReadOnlyCollection<string> values) =>
        PersonalDataScan.FindAsync(mediators.Environment.Postgres, mediators.Schema, values);

    private async Task<string> DemandAsync(DateTimeOffset day)
    {
        await mediators.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        using var coordinator = pool.As("coordinator");
        var date = DateOnly.FromDateTime(day.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return await coordinator.GetStringAsync($"/demand?from={date}&to={date}");
    }
}
