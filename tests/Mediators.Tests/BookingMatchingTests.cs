using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Mediators.Tests;

public sealed class BookingMatchingTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_booking_gets_a_mediator_who_speaks_the_language()
    {
        var tigrinya = await pool.RegisterAsync("ti");
        await pool.RegisterAsync("am");

        var booking = await pool.BookAsync("ti", Pool.Monday(1, 9));

        Assert.Equal("assigned", booking.GetProperty("status").GetString());
        Assert.Equal(tigrinya, Pool.MediatorOf(booking));
        var stored = await pool.GetBookingAsync(booking.GetProperty("bookingId").GetGuid());
        Assert.Equal(tigrinya, stored.GetProperty("mediatorId").GetGuid());
        Assert.Equal(Pool.Monday(1, 10), stored.GetProperty("end").GetDateTimeOffset());
    }

    [Fact]
    public async Task the_dialect_asked_for_is_preferred_but_not_required()
    {
        await pool.RegisterAsync("ar", dialect: "Levantine");
        var moroccan = await pool.RegisterAsync("ar", dialect: "Moroccan");

        var first = await pool.BookAsync("ar", Pool.Monday(1, 9), dialect: "moroccan");
        var second = await pool.BookAsync("ar", Pool.Monday(1, 9), dialect: "Moroccan");

        Assert.Equal(moroccan, Pool.MediatorOf(first));
        Assert.True(first.GetProperty("dialectMatched").GetBoolean());
        Assert.NotEqual(moroccan, Pool.MediatorOf(second));
        Assert.False(second.GetProperty("dialectMatched").GetBoolean());
    }

    [Fact]
    public async Task a_specialism_and_a_mode_are_matched_when_asked()
    {
        var phoneOnly = await pool.RegisterAsync("so", modes: ["phone"], specialisms: ["health", "mental_health"]);
        var inPersonLegal = await pool.RegisterAsync("so", modes: ["in_person"], specialisms: ["legal"]);

        Assert.Equal(phoneOnly, Pool.MediatorOf(await pool.BookAsync("so", Pool.Monday(1, 9), mode: "phone", specialism: "mental_health")));
        Assert.Equal(inPersonLegal, Pool.MediatorOf(await pool.BookAsync("so", Pool.Monday(1, 12), mode: "in_person", specialism: "legal")));
        Assert.Equal("unfilled", (await pool.BookAsync("so", Pool.Monday(1, 14), mode: "video")).GetProperty("status").GetString());
        Assert.Equal("unfilled", (await pool.BookAsync("so", Pool.Monday(1, 15), mode: "phone", specialism: "school")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task load_is_spread_to_whoever_has_the_fewest_booked_hours_that_week()
    {
        var first = await pool.RegisterAsync("ps", name: "A");
        var second = await pool.RegisterAsync("ps", name: "B");

        var one = Pool.MediatorOf(await pool.BookAsync("ps", Pool.Monday(1, 9), minutes: 120));
        var two = Pool.MediatorOf(await pool.BookAsync("ps", Pool.Monday(1, 13), minutes: 60));
        var three = Pool.MediatorOf(await pool.BookAsync("ps", Pool.Monday(1, 15), minutes: 30));

        Assert.NotEqual(one, two);
        Assert.Equal(new[] { first, second }.Order(), new[] { one!.Value, two!.Value }.Order());
        Assert.Equal(two, three);
    }

    [Fact]
    public async Task a_booking_across_midnight_counts_once_in_the_week_although_it_holds_two_days()
    {
        object[] allDay = [new { dayOfWeek = 1, from = "00:00", to = "23:59" }, new { dayOfWeek = 2, from = "00:00", to = "23:59" }];
        var first = await pool.RegisterAsync("bn", name: "A", weekly: allDay);
        var second = await pool.RegisterAsync("bn", name: "B", weekly: allDay);
        var (earlier, later) = first.CompareTo(second) < 0 ? (first, second) : (second, first);

        // In person at 00:15 UTC on Tuesday: with the travel buffer its reservation sits on Monday's and Tuesday's day streams.
        var acrossMidnight = Pool.MediatorOf(await pool.BookAsync("bn", Pool.Monday(1, 24, 15), minutes: 60, mode: "in_person"));
        var longer = Pool.MediatorOf(await pool.BookAsync("bn", Pool.Monday(1, 12), minutes: 100));
        var third = Pool.MediatorOf(await pool.BookAsync("bn", Pool.Monday(1, 16), minutes: 30));

        Assert.Equal(earlier, acrossMidnight);
        Assert.Equal(later, longer);
        Assert.Equal(earlier, third);
    }

    [Fact]
    public async Task day_snapshots_stored_before_they_carried_booked_minutes_still_count_in_the_week()
    {
        await pool.RegisterAsync("sq", name: "A");
        await pool.RegisterAsync("sq", name: "B");
        var busy = Pool.MediatorOf(await pool.BookAsync("sq", Pool.Monday(1, 9), minutes: 120))!.Value;
        var store = mediators.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var strip = connection.CreateCommand();
            strip.CommandText = $"update {mediators.Schema}.mt_doc_mediatorday set data = data - 'bookedMinutes' where data ->> 'mediatorId' = '{busy}'";
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }

        var next = Pool.MediatorOf(await pool.BookAsync("sq", Pool.Monday(1, 13), minutes: 60));
        var third = Pool.MediatorOf(await pool.BookAsync("sq", Pool.Monday(1, 15), minutes: 30));

        Assert.NotEqual(busy, next);
        Assert.Equal(next, third);
    }

    [Fact]
    public async Task when_the_best_ranked_are_all_busy_the_next_ones_are_read_until_one_is_free()
    {
        var dialectSpeakers = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            dialectSpeakers.Add(await pool.RegisterAsync("ur", dialect: "Dakhini", name: $"Dakhini {i}"));
        }

        var plain = await pool.RegisterAsync("ur", name: "Plain");
        var assigned = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            var booking = await pool.BookAsync("ur", Pool.Monday(1, 9), dialect: "Dakhini");
            Assert.True(booking.GetProperty("dialectMatched").GetBoolean());
            assigned.Add(Pool.MediatorOf(booking)!.Value);
        }

        var tenth = await pool.BookAsync("ur", Pool.Monday(1, 9), dialect: "Dakhini");

        Assert.Equal(dialectSpeakers.Order(), assigned.Order());
        Assert.Equal(plain, Pool.MediatorOf(tenth));
        Assert.False(tenth.GetProperty("dialectMatched").GetBoolean());
    }

    [Fact]
    public async Task an_in_person_booking_keeps_the_travel_buffer_free_around_it()
    {
        var mediator = await pool.RegisterAsync("wo");
        await pool.BookAsync("wo", Pool.Monday(1, 9), minutes: 60, mode: "in_person");

        var tooClose = await pool.BookAsync("wo", Pool.Monday(1, 10, 15), minutes: 30, mode: "phone");
        var afterBuffer = await pool.BookAsync("wo", Pool.Monday(1, 10, 30), minutes: 30, mode: "phone");

        Assert.Equal("unfilled", tooClose.GetProperty("status").GetString());
        Assert.Equal(mediator, Pool.MediatorOf(afterBuffer));
    }

    [Fact]
    public async Task leave_and_extra_hours_change_the_weekly_pattern_on_their_dates()
    {
        var leaveDay = DateOnly.FromDateTime(Pool.Monday(2, 0).UtcDateTime);
        var saturday = leaveDay.AddDays(5);
        var mediator = await pool.RegisterAsync("ha", weekly: [new { dayOfWeek = 1, from = "09:00", to = "17:00" }],
            exceptions:
            [
                new { date = leaveDay, available = false },
                new { date = leaveDay.AddDays(7), from = "09:00", to = "12:00", available = false },
                new { date = saturday, from = "10:00", to = "14:00", available = true },
            ]);

        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("ha", Pool.Monday(1, 9))));
        Assert.Equal("unfilled", (await pool.BookAsync("ha", Pool.Monday(2, 9))).GetProperty("status").GetString());
        Assert.Equal("unfilled", (await pool.BookAsync("ha", Pool.Monday(3, 9))).GetProperty("status").GetString());
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("ha", Pool.Monday(3, 12))));
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("ha", Pool.Monday(2, 10).AddDays(5))));
        Assert.Equal("unfilled", (await pool.BookAsync("ha", Pool.Monday(3, 10).AddDays(5))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task local_working_hours_hold_across_the_daylight_saving_change()
    {
        // Europe/Rome moves from UTC+1 to UTC+2 on Sunday 31 March 2030. 09:00–13:00 on Mondays is
        // 08:00–12:00 UTC the week before and 07:00–11:00 UTC the week after.
        var mediator = await pool.RegisterAsync("yo", weekly: [new { dayOfWeek = 1, from = "09:00", to = "13:00" }]);
        var before = new DateTimeOffset(2030, 3, 25, 0, 0, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2030, 4, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("yo", before.AddHours(8))));
        Assert.Equal("unfilled", (await pool.BookAsync("yo", before.AddHours(7))).GetProperty("status").GetString());
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("yo", after.AddHours(7))));
        Assert.Equal("unfilled", (await pool.BookAsync("yo", after.AddHours(11))).GetProperty("status").GetString());
        Assert.Equal(mediator, Pool.MediatorOf(await pool.BookAsync("yo", after.AddHours(10))));
    }

    [Fact]
    public async Task cancelling_frees_the_slot_for_the_request_that_was_waiting_for_it()
    {
        var mediator = await pool.RegisterAsync("ig");
        var booking = await pool.BookAsync("ig", Pool.Monday(1, 9));
        var waiting = await pool.BookAsync("ig", Pool.Monday(1, 9, 30));
        Assert.Equal("unfilled", waiting.GetProperty("status").GetString());

        using var desk = pool.As("frontdesk");
        using var cancelled = await Pool.ActAsync(desk, booking.GetProperty("bookingId").GetGuid(), "cancel", new { reason = "Client moved the appointment" });
        await pool.SweepAsync();

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal("cancelled", (await pool.GetBookingAsync(booking.GetProperty("bookingId").GetGuid())).GetProperty("status").GetString());
        var filled = await pool.GetBookingAsync(waiting.GetProperty("bookingId").GetGuid());
        Assert.Equal(mediator, filled.GetProperty("mediatorId").GetGuid());
        Assert.Equal("unfilled", (await pool.BookAsync("ig", Pool.Monday(1, 9, 45))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_unfilled_booking_is_filled_when_a_matching_mediator_becomes_available()
    {
        var booking = await pool.BookAsync("ff", Pool.Monday(1, 9), specialism: "school");
        Assert.Equal("unfilled", booking.GetProperty("status").GetString());
        var bookingId = booking.GetProperty("bookingId").GetGuid();
        using var coordinator = pool.As("coordinator");
        var unfilled = await coordinator.GetFromJsonAsync<JsonElement>("/bookings?status=unfilled&pageSize=200");
        Assert.Contains(unfilled.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == bookingId);

        await pool.RegisterAsync("ff", specialisms: ["health"]);
        await pool.SweepAsync();
        Assert.Equal("unfilled", (await pool.GetBookingAsync(bookingId)).GetProperty("status").GetString());

        var mediator = await pool.RegisterAsync("ff", specialisms: ["school"]);
        await pool.SweepAsync();

        var filled = await pool.GetBookingAsync(bookingId);
        Assert.Equal("assigned", filled.GetProperty("status").GetString());
        Assert.Equal(mediator, filled.GetProperty("mediatorId").GetGuid());
        Assert.Equal(["requested", "unfilled", "assigned"], filled.GetProperty("timeline").EnumerateArray().Select(entry => entry.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("""{"language":"xx","start":"2030-02-04T09:00:00Z","durationMinutes":60,"mode":"phone"}""", "language")]
    [InlineData("""{"start":"2030-02-04T09:00:00Z","durationMinutes":60,"mode":"phone"}""", "language")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","end":"2030-02-04T08:00:00Z","mode":"phone"}""", "end")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","durationMinutes":0,"mode":"phone"}""", "durationMinutes")]
    [InlineData("""{"language":"ar","start":"2029-12-31T09:00:00Z","durationMinutes":60,"mode":"phone"}""", "start")]
    [InlineData("""{"language":"ar","start":"2031-06-01T09:00:00Z","durationMinutes":60,"mode":"phone"}""", "start")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","end":"2030-02-04T10:00:00Z","durationMinutes":-2147483648,"mode":"phone"}""", "end")]
    [InlineData("""{"language":"ar","start":"9999-12-31T23:00:00Z","end":"9999-12-31T23:30:00Z","durationMinutes":60,"mode":"phone"}""", "start")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","end":"9999-12-31T23:30:00Z","mode":"phone"}""", "end")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","durationMinutes":60}""", "mode")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","durationMinutes":60,"mode":"carrier_pigeon"}""", "mode")]
    [InlineData("""{"language":"ar","start":"next tuesday","durationMinutes":60,"mode":"phone"}""", "start")]
    [InlineData("""{"language":"ar","start":"2030-02-04T09:00:00Z","durationMinutes":"60","mode":"phone"}""", "durationMinutes")]
    public async Task a_bad_booking_request_gets_field_errors_and_stores_nothing(string body, string field)
    {
        var before = await pool.CountBookingsAsync();
        using var desk = pool.As("frontdesk");

        using var response = await desk.PostAsync("/bookings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Equal(before, await pool.CountBookingsAsync());
    }

    [Fact]
    public async Task every_value_of_the_wrong_type_in_a_booking_request_is_named_at_once()
    {
        var before = await pool.CountBookingsAsync();
        using var desk = pool.As("frontdesk");
        const string Body = """{"language":"ar","specialism":"astrology","start":"2030-02-04T09:00:00Z","durationMinutes":"sixty","mode":"carrier_pigeon"}""";

        using var response = await desk.PostAsync("/bookings", new StringContent(Body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["durationMinutes", "mode", "specialism"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order());
        Assert.Equal(before, await pool.CountBookingsAsync());
    }

    [Fact]
    public async Task a_booking_for_a_client_unknown_to_mediators_is_refused()
    {
        using var response = await pool.TryBookAsync(new
        {
            language = "ar", start = Pool.Monday(1, 9), durationMinutes = 60, mode = "phone", clientId = Guid.NewGuid(),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown_client", problem.GetProperty("code").GetString());
        Assert.Equal(["clientId"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public async Task mediators_coordinators_and_partner_staff_without_an_organisation_cannot_request_bookings()
    {
        foreach (var role in new[] { "mediator", "coordinator", "partner" })
        {
            using var response = await pool.TryBookAsync(new { language = "ar", start = Pool.Monday(1, 9), durationMinutes = 60, mode = "phone" }, role);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
