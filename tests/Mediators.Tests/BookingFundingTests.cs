using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntakeEvents = Integration.Intake.Contracts;
using MediatorEvents = Integration.Mediators.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>A booking names the funding stream that pays for the mediation, as referrals announced the stream, on the day of the appointment.</summary>
public sealed class BookingFundingTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_booking_names_a_stream_that_runs_on_the_day_and_a_wrong_stream_is_a_field_error_that_books_nobody()
    {
        var code = $"AMIF-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var start = Pool.Monday(1, 9);
        var announced = mediators.Consumes.Completed<ReferralEvents.FundingStreamRegistered>();
        await pool.PublishAsync(new ReferralEvents.FundingStreamRegistered(code, "Asylum, Migration and Integration Fund", "European Commission",
            DateOnly.FromDateTime(start.UtcDateTime).AddDays(-7), DateOnly.FromDateTime(start.UtcDateTime).AddDays(7), DateTimeOffset.UtcNow));
        await mediators.Consumes.WaitForAsync<ReferralEvents.FundingStreamRegistered>(announced + 1);
        var mediator = await pool.RegisterAsync("rw", userId: "mediator-rw");

        using var unknown = await pool.TryBookAsync(new { language = "rw", start, durationMinutes = 60, mode = "phone", fundingStream = "NONE-1" });
        Assert.Equal("unknown_funding_stream", await unknown.FieldErrorCodeAsync("fundingStream"));
        using var later = await pool.TryBookAsync(new
        {
            language = "rw", start = start.AddDays(14), durationMinutes = 60, mode = "phone", fundingStream = code,
        });
        Assert.Equal("funding_stream_not_current", await later.FieldErrorCodeAsync("fundingStream"));

        var clientId = Guid.NewGuid();
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Aline", "Uwase", new DateOnly(1991, 2, 2), DateTimeOffset.UtcNow) { Office = TestTokens.Office });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);
        await using var activity = await PublishedMessages.ListenAsync<MediatorEvents.BookingActivity>(mediators.Environment.Bus);

        using var paid = await pool.TryBookAsync(new
        {
            language = "rw", start, durationMinutes = 60, mode = "phone", clientId, fundingStream = code.ToLowerInvariant(),
        });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var booked = await paid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(mediator, Pool.MediatorOf(booked));
        var bookingId = booked.GetProperty("bookingId").GetGuid();
        var booking = await pool.GetBookingAsync(bookingId);
        Assert.Equal(code, booking.GetProperty("fundingStream").GetString());
        var requested = await activity.WaitForAsync(message => message.BookingId == bookingId && message.Step == "requested", "the request, for the funders' report");
        Assert.Equal(code, requested.FundingStream);
    }
}
