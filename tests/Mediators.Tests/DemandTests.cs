using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Mediators.Tests;

public sealed class DemandTests(MediatorsFixture mediators) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task demand_shows_hours_delivered_and_requests_unfilled_per_language_and_specialism()
    {
        await pool.RegisterAsync("tl", specialisms: ["health"], userId: "mediator-tl");
        var start = mediators.Clock.GetUtcNow().AddHours(2);
        var delivered = (await pool.BookAsync("tl", start, specialism: "health")).GetProperty("bookingId").GetGuid();
        await pool.BookAsync("tl", start.AddHours(3), specialism: "school");
        await pool.BookAsync("tl", start.AddHours(4), specialism: "school");
        await pool.BookAsync("pa", start);
        mediators.Clock.Advance(TimeSpan.FromHours(4));
        using var mediator = pool.As("mediator", subject: "mediator-tl");
        Assert.Equal(HttpStatusCode.NoContent, (await Pool.ActAsync(mediator, delivered, "complete", new { actualMinutes = 90 })).StatusCode);
        using var coordinator = pool.As("coordinator");
        var day = DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var path = $"/demand?from={day}&to={day}";
        await Eventually.HoldsAsync(async () =>
        {
            var totals = (await coordinator.GetFromJsonAsync<JsonElement>(path)).GetProperty("totals");
            return totals.GetProperty("requests").GetInt32() == 4 && totals.GetProperty("completed").GetInt32() == 1;
        }, "the demand projection");
        var demand = await coordinator.GetFromJsonAsync<JsonElement>(path);

        var rows = demand.GetProperty("rows").EnumerateArray().ToList();
        var health = Assert.Single(rows, row => row.GetProperty("language").GetString() == "tl" && Specialism(row) == "health");
        Assert.Equal(1.5m, health.GetProperty("hoursDelivered").GetDecimal());
        Assert.Equal(0, health.GetProperty("unfilled").GetInt32());
        var school = Assert.Single(rows, row => Specialism(row) == "school");
        Assert.Equal(2, school.GetProperty("unfilled").GetInt32());
        var punjabi = Assert.Single(rows, row => row.GetProperty("language").GetString() == "pa");
        Assert.Equal("Panjabi", punjabi.GetProperty("languageName").GetString());
        Assert.Null(Specialism(punjabi));
        Assert.Equal(3, demand.GetProperty("totals").GetProperty("unfilled").GetInt32());

        var later = await coordinator.GetFromJsonAsync<JsonElement>("/demand?from=2031-01-01");
        Assert.Equal(0, later.GetProperty("totals").GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task the_demand_of_one_office_counts_what_its_staff_requested()
    {
        var office = "demand-" + Guid.NewGuid().ToString("N")[..8];
        var start = mediators.Clock.GetUtcNow().AddDays(3);
        using (var otherDesk = mediators.CreateClient().As("frontdesk", office: office))
        {
            using var requested = await otherDesk.PostAsJsonAsync("/bookings", new { language = "wo", start, durationMinutes = 30, mode = "phone" });
            Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        }

        await pool.BookAsync("wo", start.AddHours(1));
        using var coordinator = pool.As("coordinator");
        var day = DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}&language=wo")).GetProperty("totals").GetProperty("requests")
                .GetInt32() == 2, "the demand projection");

        var ours = await coordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}&office=%20{office}%20");
        Assert.Equal(office, ours.GetProperty("office").GetString());
        var row = Assert.Single(ours.GetProperty("rows").EnumerateArray());
        Assert.Equal(("wo", 1, 1), (row.GetProperty("language").GetString(), row.GetProperty("requests").GetInt32(), row.GetProperty("unfilled").GetInt32()));
        var theirs = await coordinator.GetFromJsonAsync<JsonElement>($"/demand?from={day}&to={day}&language=wo&office={TestTokens.Office}");
        Assert.Equal(1, theirs.GetProperty("totals").GetProperty("requests").GetInt32());
    }

    [Theory]
    [InlineData("/demand?from=2030-13-01", "from")]
    [InlineData("/demand?from=0001-01-01", "from")]
    [InlineData("/demand?from=2030-02-01&to=2030-01-01", "to")]
    [InlineData("/demand?language=xx", "language")]
    [InlineData("/demand?office=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "office")]
    public async Task bad_report_filters_get_field_errors(string path, string field)
    {
        using var coordinator = pool.As("coordinator");
        await Problems.AssertFieldErrorAsync(await coordinator.GetAsync(path), field);
    }

    [Fact]
    public async Task only_coordinators_read_demand()
    {
        using var desk = pool.As("frontdesk");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/demand")).StatusCode);
    }

    private static string? Specialism(JsonElement row) => row.TryGetProperty("specialism", out var value) ? value.GetString() : null;
}
