using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Mediators.Tests;

/// <summary>Before booking, the case worker sees the half-hour starts at which a mediator who fits is free, in the office's time zone.</summary>
public sealed class FreeSlotsTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private static readonly object[] MondayMorning = [new { dayOfWeek = 1, from = "09:00", to = "12:00" }];

    private readonly Pool pool = new(mediators);

    private static string Query(string language, string mode, int minutes, DateTimeOffset day, string? specialism = null) =>
        $"/bookings/free-slots?language={language}&mode={mode}&durationMinutes={minutes}&from={day:yyyy-MM-dd}&days=1&timeZone=Europe/Rome"
        + (specialism is null ? "" : $"&specialism={specialism}");

    private async Task<IReadOnlyList<(string Start, int Free)>> SlotsAsync(string path)
    {
        using var desk = pool.As("caseworker");
        using var response = await desk.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Europe/Rome", body.GetProperty("timeZone").GetString());
        return [.. body.GetProperty("slots").EnumerateArray()
            .Select(slot => (slot.GetProperty("start").GetString()!, slot.GetProperty("freeMediators").GetInt32()))];
    }

    [Fact]
    public async Task the_free_starts_follow_working_hours_and_bookings_in_the_offices_local_time()
    {
        await pool.RegisterAsync("lv", weekly: MondayMorning, modes: ["phone", "in_person"]);
        var monday = Pool.Monday(1, 0);

        Assert.Equal(
            [("2030-01-14T09:00:00+01:00", 1), ("2030-01-14T09:30:00+01:00", 1), ("2030-01-14T10:00:00+01:00", 1), ("2030-01-14T10:30:00+01:00", 1),
                ("2030-01-14T11:00:00+01:00", 1)],
            await SlotsAsync(Query("lv", "phone", 60, monday)));

        // 10:00–11:00 Rome is 09:00–10:00 UTC.
        Assert.Equal("assigned", (await pool.BookAsync("lv", Pool.Monday(1, 9), mode: "phone")).GetProperty("status").GetString());
        Assert.Equal([("2030-01-14T09:00:00+01:00", 1), ("2030-01-14T11:00:00+01:00", 1)], await SlotsAsync(Query("lv", "phone", 60, monday)));

        // In person needs 30 minutes to travel on either side of the phone call: nothing fits in the morning any more.
        Assert.Empty(await SlotsAsync(Query("lv", "in_person", 60, monday)));
        Assert.Empty(await SlotsAsync(Query("lv", "video", 30, monday)));
        Assert.Empty(await SlotsAsync(Query("lv", "phone", 30, monday, specialism: "legal")));
        Assert.Empty(await SlotsAsync(Query("lv", "phone", 60, monday.AddDays(1))));

        await pool.RegisterAsync("lv", weekly: MondayMorning, name: "Ilze Berzina");
        Assert.Equal([("2030-01-14T09:00:00+01:00", 2), ("2030-01-14T09:30:00+01:00", 1), ("2030-01-14T10:00:00+01:00", 1),
                ("2030-01-14T10:30:00+01:00", 1), ("2030-01-14T11:00:00+01:00", 2)],
            await SlotsAsync(Query("lv", "phone", 60, monday)));
    }

    [Fact]
    public async Task starts_that_have_passed_are_not_offered()
    {
        await pool.RegisterAsync("kk", weekly: [new { dayOfWeek = 1, from = "06:00", to = "09:00" }]);

        // The fixture's clock is 07:00 in Rome on Monday 7 January.
        Assert.Equal([("2030-01-07T07:30:00+01:00", 1), ("2030-01-07T08:00:00+01:00", 1)],
            await SlotsAsync(Query("kk", "phone", 60, MediatorsFixture.Start)));
    }

    [Theory]
    [InlineData("/bookings/free-slots?mode=phone&durationMinutes=60&timeZone=Europe/Rome", "language")]
    [InlineData("/bookings/free-slots?language=zz1&mode=phone&durationMinutes=60&timeZone=Europe/Rome", "language")]
    [InlineData("/bookings/free-slots?language=ar&durationMinutes=60&timeZone=Europe/Rome", "mode")]
    [InlineData("/bookings/free-slots?language=ar&mode=carrier_pigeon&durationMinutes=60&timeZone=Europe/Rome", "mode")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&specialism=astrology&durationMinutes=60&timeZone=Europe/Rome", "specialism")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=5&timeZone=Europe/Rome", "durationMinutes")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&timeZone=Europe/Rome", "durationMinutes")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60", "timeZone")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60&timeZone=Mars/Olympus", "timeZone")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60&timeZone=Europe/Rome&from=2030-13-01", "from")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60&timeZone=Europe/Rome&from=2029-12-31", "from")]
    [InlineData("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60&timeZone=Europe/Rome&days=15", "days")]
    public async Task bad_questions_get_field_errors(string path, string field)
    {
        using var desk = pool.As("frontdesk");
        await Problems.AssertFieldErrorAsync(await desk.GetAsync(path), field);
    }

    [Fact]
    public async Task a_mediator_does_not_browse_the_pools_free_time()
    {
        using var mediator = pool.As("mediator");
        using var response = await mediator.GetAsync("/bookings/free-slots?language=ar&mode=phone&durationMinutes=60&timeZone=Europe/Rome");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
