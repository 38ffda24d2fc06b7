using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Bookings;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Mediators.Tests;

public sealed class BookingLifecycleTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task the_mediator_confirms_and_after_the_appointment_completes_with_the_minutes_it_took()
    {
        await pool.RegisterAsync("ti", userId: "mediator-ti");
        var start = new DateTimeOffset(mediators.Clock.GetUtcNow().Date, TimeSpan.Zero).AddDays(1).AddHours(9);
        var bookingId = (await pool.BookAsync("ti", start)).GetProperty("bookingId").GetGuid();
        using var mediator = pool.As("mediator", subject: "mediator-ti");

        using (var confirmed = await Pool.ActAsync(mediator, bookingId, "confirm"))
        {
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
            Assert.Equal("\"3\"", confirmed.Headers.ETag?.Tag);
        }

        using (var early = await Pool.ActAsync(mediator, bookingId, "complete", new { actualMinutes = 75 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("booking_not_started", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        mediators.Clock.Advance(start.AddHours(2) - mediators.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(mediator, bookingId, "complete", new { actualMinutes = 75 })).StatusCode);

        var booking = await pool.GetBookingAsync(bookingId, mediator);
        Assert.Equal("completed", booking.GetProperty("status").GetString());
        Assert.Equal(75, booking.GetProperty("actualMinutes").GetInt32());
        var timeline = booking.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["requested", "assigned", "confirmed", "completed"], timeline.Select(entry => entry.GetProperty("type").GetString()));
        Assert.Equal("75", timeline[3].GetProperty("details").GetProperty("actual_minutes").GetString());
        Assert.Equal("Mediation completed: 75 minutes.", timeline[3].GetProperty("summary").GetString());

        await using var session = mediators.Services.GetRequiredService<IDocumentStore>().QuerySession();
        using var stored = JsonDocument.Parse((await session.Json.FindByIdAsync<Booking>(bookingId))!);
        var storedTimeline = stored.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        Assert.All(storedTimeline, entry => Assert.False(entry.TryGetProperty("summary", out _)));
        Assert.Equal(booking.GetProperty("mediatorName").GetString(), storedTimeline[1].GetProperty("facts").GetProperty("mediator_name").GetString());
    }

    [Fact]
    public async Task an_illegal_step_answers_409_with_the_current_status_and_changes_nothing()
    {
        await pool.RegisterAsync("am");
        var bookingId = (await pool.BookAsync("am", Pool.Monday(1, 9))).GetProperty("bookingId").GetGuid();
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(desk, bookingId, "cancel", new { reason = "Not needed" })).StatusCode);

        foreach (var (action, body) in new (string, object?)[] { ("confirm", null), ("cancel", new { reason = "again" }), ("no-show", null) })
        {
            using var response = await Pool.ActAsync(desk, bookingId, action, body);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_transition", problem.GetProperty("code").GetString());
            Assert.Equal("cancelled", problem.GetProperty("status").GetString());
        }

        Assert.Equal(3, (await pool.GetBookingAsync(bookingId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task bad_lifecycle_bodies_and_stale_if_match_change_nothing()
    {
        await pool.RegisterAsync("fa");
        var bookingId = (await pool.BookAsync("fa", Pool.Monday(1, 9))).GetProperty("bookingId").GetGuid();
        using var desk = pool.As("frontdesk");

        await Problems.AssertFieldErrorAsync(await Pool.ActAsync(desk, bookingId, "cancel", new { reason = " " }), "reason");
        await Problems.AssertFieldErrorAsync(await Pool.ActAsync(desk, bookingId, "complete", new { actualMinutes = 0 }), "actualMinutes");
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/bookings/{bookingId}/confirm");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await desk.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.ActAsync(desk, Guid.NewGuid(), "confirm")).StatusCode);

        Assert.Equal(2, (await pool.GetBookingAsync(bookingId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task a_mediator_sees_only_their_own_bookings_and_a_partner_only_its_organisations()
    {
        var mine = await pool.RegisterAsync("ur", userId: "mediator-ur-1");
        await pool.RegisterAsync("bn", userId: "mediator-bn-1");
        var organisation = Guid.NewGuid();
        var ownBooking = (await pool.BookAsync("ur", Pool.Monday(1, 9), role: "partner", organisation: organisation)).GetProperty("bookingId").GetGuid();
        var otherBooking = (await pool.BookAsync("bn", Pool.Monday(1, 9))).GetProperty("bookingId").GetGuid();
        using var mediator = pool.As("mediator", subject: "mediator-ur-1");
        using var partner = pool.As("partner", organisation: organisation);
        using var otherPartner = pool.As("partner", organisation: Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync($"/bookings/{ownBooking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/bookings/{otherBooking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.ActAsync(mediator, otherBooking, "confirm")).StatusCode);
        var list = await mediator.GetFromJsonAsync<JsonElement>("/bookings");
        Assert.Equal(ownBooking, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(mine, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("mediatorId").GetGuid());

        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/bookings/{ownBooking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPartner.GetAsync($"/bookings/{ownBooking}")).StatusCode);
        Assert.Equal(0, (await otherPartner.GetFromJsonAsync<JsonElement>("/bookings")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task withdrawing_the_referral_cancels_all_its_bookings_and_frees_the_mediator_even_on_the_same_day()
    {
        var mediator = await pool.RegisterAsync("sw");
        var referralId = Guid.NewGuid();
        var bookingId = (await pool.BookAsync("sw", Pool.Monday(1, 9), referralId: referralId)).GetProperty("bookingId").GetGuid();
        var sameDay = (await pool.BookAsync("sw", Pool.Monday(1, 14), referralId: referralId)).GetProperty("bookingId").GetGuid();
        var untouched = (await pool.BookAsync("sw", Pool.Monday(1, 12), referralId: Guid.NewGuid())).GetProperty("bookingId").GetGuid();
        var before = mediators.Consumes.Completed<ReferralEvents.ReferralWithdrawn>();

        var withdrawn = new ReferralEvents.ReferralWithdrawn(referralId, mediators.Clock.GetUtcNow());
        await pool.PublishAsync(withdrawn);
        await mediators.Consumes.WaitForAsync<ReferralEvents.ReferralWithdrawn>(before + 1);

        var booking = await pool.GetBookingAsync(bookingId);
        Assert.Equal("cancelled", booking.GetProperty("status").GetString());
        Assert.Equal(Booking.System, booking.GetProperty("timeline").EnumerateArray().Last().GetProperty("by").GetString());
        Assert.Equal("cancelled", (await pool.GetBookingAsync(sameDay)).GetProperty("status").GetString());
        Assert.Equal(0, mediators.Consumes.Faulted<ReferralEvents.ReferralWithdrawn>());
        Assert.Equal("assigned", (await pool.GetBookingAsync(untouched)).GetProperty("status").GetString());
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("sw", Pool.Monday(1, 9))));
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("sw", Pool.Monday(1, 14))));
    }

    [Theory]
    [InlineData("/bookings?status=lost", "status")]
    [InlineData("/bookings?from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    [InlineData("/bookings?page=0", "page")]
    [InlineData("/bookings?page=2147483647", "page")]
    public async Task bad_booking_list_filters_get_field_errors(string path, string field)
    {
        using var desk = pool.As("frontdesk");
        await Problems.AssertFieldErrorAsync(await desk.GetAsync(path), field);
    }

    [Fact]
    public async Task an_unknown_booking_is_404()
    {
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/bookings/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.ActAsync(desk, Guid.NewGuid(), "cancel", new { reason = "x" })).StatusCode);
    }
}
