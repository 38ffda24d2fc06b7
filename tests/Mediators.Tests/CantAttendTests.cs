using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Bookings;
using Integration.Mediators.Bookings.Withdrawing;
using Integration.Mediators.Pool;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;
using MediatorEvents = Integration.Mediators.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>"Can't attend": the assigned mediator gives a booking back, their time is freed and the booking goes to someone else, never back to them.</summary>
public sealed class CantAttendTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_mediator_who_cannot_attend_frees_their_time_and_the_booking_goes_to_another_never_back_to_them()
    {
        var first = await pool.RegisterAsync("hy", userId: "mediator-hy-1", name: "Anahit Petrosyan");
        var second = await pool.RegisterAsync("hy", userId: "mediator-hy-2", name: "Lilit Sargsyan");
        var start = Pool.Monday(1, 9);
        var booked = await pool.BookAsync("hy", start);
        var bookingId = booked.GetProperty("bookingId").GetGuid();
        var assigned = Pool.MediatorOf(booked)!.Value;
        var other = assigned == first ? second : first;
        using var assignedMediator = pool.As("mediator", subject: assigned == first ? "mediator-hy-1" : "mediator-hy-2");
        using var otherMediator = pool.As("mediator", subject: assigned == first ? "mediator-hy-2" : "mediator-hy-1");

        using (var withdrawn = await Pool.ActAsync(assignedMediator, bookingId, "withdraw", new { reason = "Ill this week" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        }

        // The withdrawal wakes the fill sweep, which may already have given the booking to the other mediator.
        var given = await pool.GetBookingAsync(bookingId);
        Assert.Contains((given.GetProperty("status").GetString(), Pool.MediatorOf(given)), new (string?, Guid?)[] { ("unfilled", null), ("assigned", other) });
        var entry = Assert.Single(given.GetProperty("timeline").EnumerateArray(), entry => entry.GetProperty("type").GetString() == "withdrawn");
        Assert.Equal("Ill this week", entry.GetProperty("note").GetString());
        // Who withdrew, and the mediator days a booking holds, are the stream's own bookkeeping: the API does not show them.
        Assert.False(given.TryGetProperty("withdrawnMediators", out _));
        Assert.False(given.TryGetProperty("reservedDays", out _));

        await pool.SweepAsync();
        Assert.Equal(other, (await pool.GetBookingAsync(bookingId)).GetProperty("mediatorId").GetGuid());

        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(otherMediator, bookingId, "withdraw", new { reason = "A clash" })).StatusCode);
        await pool.SweepAsync();
        Assert.Equal("unfilled", (await pool.GetBookingAsync(bookingId)).GetProperty("status").GetString());

        // Both are free again at that hour: a new request for it is filled at once.
        Assert.Equal("assigned", (await pool.BookAsync("hy", start)).GetProperty("status").GetString());
        Assert.Equal("assigned", (await pool.BookAsync("hy", start)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task only_the_assigned_mediator_or_a_coordinator_may_say_they_cannot_attend_and_bad_requests_change_nothing()
    {
        await pool.RegisterAsync("ka", userId: "mediator-ka");
        await pool.RegisterAsync("mk", userId: "mediator-mk");
        var bookingId = (await pool.BookAsync("ka", Pool.Monday(1, 11))).GetProperty("bookingId").GetGuid();
        using var assigned = pool.As("mediator", subject: "mediator-ka");
        using var stranger = pool.As("mediator", subject: "mediator-mk");
        using var caseWorker = pool.As("caseworker");

        await Problems.AssertFieldErrorAsync(await Pool.ActAsync(assigned, bookingId, "withdraw", new { reason = "  " }), "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.ActAsync(stranger, bookingId, "withdraw", new { reason = "Not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Pool.ActAsync(caseWorker, bookingId, "withdraw", new { reason = "Try" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.ActAsync(assigned, Guid.NewGuid(), "withdraw", new { reason = "Unknown" })).StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/bookings/{bookingId}/withdraw") { Content = JsonContent.Create(new { reason = "Stale" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await assigned.SendAsync(stale)).StatusCode);
        Assert.Equal(2, (await pool.GetBookingAsync(bookingId)).GetProperty("version").GetInt32());

        using var coordinator = pool.As("coordinator");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(coordinator, bookingId, "withdraw", new { reason = "She phoned in sick" })).StatusCode);
        using var again = await Pool.ActAsync(coordinator, bookingId, "withdraw", new { reason = "Twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("invalid_transition", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_clients_booking_tells_intake_that_the_mediator_cannot_attend()
    {
        await using var activity = await PublishedMessages.ListenAsync<MediatorEvents.BookingActivity>(mediators.Environment.Bus);
        var clientId = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Aram", "Hakobyan", new DateOnly(1979, 3, 3), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);
        await pool.RegisterAsync("uz", userId: "mediator-uz");
        using var booked = await pool.TryBookAsync(new { language = "uz", start = Pool.Monday(2, 10), durationMinutes = 45, mode = "phone", clientId });
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bookingId").GetGuid();
        using var mediator = pool.As("mediator", subject: "mediator-uz");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(mediator, bookingId, "withdraw", new { reason = "Train strike" })).StatusCode);

        var withdrawn = await activity.WaitForAsync(message => message.BookingId == bookingId && message.Step == "withdrawn", "the withdrawal");
        Assert.Equal(("unfilled", "Train strike"), (withdrawn.Status, withdrawn.Note));
        Assert.Contains("cannot attend", withdrawn.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void once_the_appointment_has_started_it_is_too_late_to_withdraw()
    {
        var start = new DateTimeOffset(2030, 1, 14, 9, 0, 0, TimeSpan.Zero);
        var booking = Booking.Create(new BookingRequested(Guid.NewGuid(), "hy", null, null, MediationMode.Phone, start, 60, null, null, null, "desk", null,
                start.AddDays(-3)))
            .Apply(new MediatorAssigned(Guid.NewGuid(), Guid.NewGuid(), "Anahit Petrosyan", false, [], start.AddDays(-3)));

        Assert.True(WithdrawFromBooking.Parse(new WithdrawRequest("Late")).TryGet(out var withdrawal, out _));
        Assert.True(WithdrawFromBooking.Parse(new WithdrawRequest(" Late ")).TryGet(out var spaced, out _));

        var late = Assert.Throws<Integration.ServiceDefaults.DomainRuleViolated>(() =>
            WithdrawFromBooking.Decide(booking, withdrawal, "mediator", start.AddMinutes(5)));
        Assert.Equal("booking_started", late.Code);
        Assert.Equal("Late", WithdrawFromBooking.Decide(booking, spaced, "mediator", start.AddMinutes(-5)).Reason);
    }
}
