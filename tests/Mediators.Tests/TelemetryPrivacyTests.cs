using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>Mediators with every category at Trace and every log line kept (<see cref="TelemetryCapture"/>).</summary>
public sealed class CapturedMediatorsFixture() : MediatorsFixture(TelemetryCapture.TraceEverywhere, Capture.Register)
{
    public static readonly TelemetryCapture Capture = new();
}

public sealed class TelemetryPrivacyTests(CapturedMediatorsFixture mediators) : IClassFixture<CapturedMediatorsFixture>, IDisposable
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_booking_journey_leaves_no_personal_data_in_logs_or_spans()
    {
        CapturedMediatorsFixture.Capture.RecordSpans();
        var clientId = Guid.NewGuid();
        var before = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await mediators.Environment.Bus.Publish(
            new IntakeEvents.ClientRegistered(clientId, "Hewan", "Kidanemariam", new DateOnly(1984, 7, 19), DateTimeOffset.UtcNow)
            {
                Office = TestTokens.Office,
                Phone = "+39 320 444 8811",
                Email = "hewan@example.org",
            },
            context => context.MessageId = NewId.NextGuid());
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(before + 1);
        await pool.RegisterAsync("ti");

        using var booked = await pool.TryBookAsync(new
        {
            language = "ti", start = Pool.Monday(1, 9), durationMinutes = 60, mode = "in_person", location = "Via Kidanemariam 12, Milano", clientId,
        });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var bookingId = (await booked.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("bookingId").GetGuid();
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(desk, bookingId, "cancel", new { reason = "Hewan is unwell" })).StatusCode);

        CapturedMediatorsFixture.Capture.AssertNoneOf("Hewan", "Kidanemariam", "1984-07-19", "19/07/1984", "320 444", "3204448811", "hewan@example.org");
    }

    public void Dispose() => CapturedMediatorsFixture.Capture.Dispose();
}
