using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;
using MediatorEvents = Integration.Mediators.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>Every step of a client's booking is published for intake's timeline and worklist; bookings without a client stay inside.</summary>
public sealed class BookingActivityTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_clients_booking_publishes_each_step_with_its_status_and_the_reason_it_was_cancelled()
    {
        await using var activity = await PublishedMessages.ListenAsync<MediatorEvents.BookingActivity>(mediators.Environment.Bus);
        var clientId = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Grace", "Mbala", new DateOnly(1985, 5, 5), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);
        await pool.RegisterAsync("sw");
        var start = Pool.Monday(3, 10);
        using var booked = await pool.TryBookAsync(new { language = "sw", start, durationMinutes = 45, mode = "phone", clientId });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        using var unfilled = await pool.TryBookAsync(new { language = "ti", start, durationMinutes = 45, mode = "phone", clientId });
        var unfilledId = (await unfilled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        using var anonymous = await pool.TryBookAsync(new { language = "sw", start = start.AddHours(2), durationMinutes = 45, mode = "phone" });
        var anonymousId = (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(desk, bookingId, "cancel", new { reason = "The appointment moved" })).StatusCode);

        var requested = await activity.WaitForAsync(message => message.BookingId == bookingId && message.Step == "requested", "the request");
        var assigned = await activity.WaitForAsync(message => message.BookingId == bookingId && message.Step == "assigned", "the assignment");
        var cancelled = await activity.WaitForAsync(message => message.BookingId == bookingId && message.Step == "cancelled", "the cancellation");
        var nobody = await activity.WaitForAsync(message => message.BookingId == unfilledId && message.Step == "unfilled", "the unfilled request");
        Assert.Equal((clientId, "sw", start), (requested.ClientId, requested.Language, requested.Start));
        Assert.Equal("assigned", assigned.Status);
        Assert.True(assigned.Facts.ContainsKey("mediator_name"));
        Assert.Equal(("cancelled", "The appointment moved"), (cancelled.Status, cancelled.Note));
        Assert.True(cancelled.Sequence > assigned.Sequence);
        Assert.Equal("unfilled", nobody.Status);
        Assert.DoesNotContain(activity.Received, message => message.BookingId == anonymousId);
    }

    [Fact]
    public async Task bookings_are_listed_for_a_window_given_in_an_offices_offset()
    {
        await pool.RegisterAsync("to");
        var start = Pool.Monday(4, 10);
        using var booked = await pool.TryBookAsync(new { language = "to", start, durationMinutes = 30, mode = "phone" });
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        var rome = TimeSpan.FromHours(1);
        var from = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero).ToOffset(rome);
        using var desk = pool.As("frontdesk");

        using var listed = await desk.GetAsync(
            $"/bookings?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(1).ToString("O"))}&pageSize=200");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var items = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        Assert.Contains(items, item => item.GetProperty("id").GetGuid() == bookingId);
    }
}
