using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>Booking from the mediators' free times, and a mediator who cannot attend handing the appointment back to the pool.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class MediatorAvailabilityTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    private static readonly TimeZoneInfo Office = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static DateOnly OfficeToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Office).DateTime);

    [Fact]
    public Task the_case_worker_books_a_free_time_shown_in_the_offices_clock_and_it_is_no_longer_offered() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        await coordinator.AddMediatorAvailableAllWeekAsync(new { name = "Chaltu Abdi", languages = new[] { new { code = "om" } }, modes = new[] { "phone" } });
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        var clientId = await worker.RegisterAsync("Lensa", Gateway.UniqueName("Gemechu"), "1991-02-02");
        await worker.ArrivedAsync("mediators", clientId);

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{clientId}?tab=bookings");
        var bookings = page.GetByRole(AriaRole.Region, new() { Name = "Intercultural mediators" });
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Book a mediator" }).ClickAsync();
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        await Expect(bookings.GetByText("Choose the language first.")).ToBeVisibleAsync();

        await bookings.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }).FillAsync("Oromo");
        await bookings.GetByLabel("How").SelectOptionAsync(new SelectOptionValue { Label = "by phone" });
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        var tomorrow = OfficeToday.AddDays(1);
        var day = bookings.GetByRole(AriaRole.Group, new() { Name = tomorrow.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB")) });
        await day.GetByRole(AriaRole.Button, new() { Name = "09:00, 1 free" }).ClickAsync();
        await Expect(bookings.GetByLabel("Day", new() { Exact = true })).ToHaveValueAsync(tomorrow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(bookings.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("09:00");
        await PortalBrowser.AssertAccessibleAsync(page, "the free times of a mediator");
        await PortalBrowser.ScreenshotAsync(page, "booking-free-times");
        await bookings.GetByLabel("Number the mediator calls").FillAsync("+39 333 000 2222");
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(bookings.GetByRole(AriaRole.Status).First).ToContainTextAsync("Chaltu Abdi");

        var booking = bookings.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Oromo · by phone" });
        await Expect(booking).ToContainTextAsync("09:00");
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        await Expect(day.GetByRole(AriaRole.Button, new() { Name = "10:00, 1 free" })).ToBeVisibleAsync();
        foreach (var taken in new[] { "08:30", "09:00", "09:30" })
        {
            await Expect(day.GetByRole(AriaRole.Button, new() { Name = $"{taken}, 1 free" })).ToHaveCountAsync(0);
        }
    });

    [Fact]
    public Task a_mediator_who_cannot_attend_gives_the_appointment_back_and_another_mediator_gets_it() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        var clientId = await worker.RegisterAsync("Yupanqui", Gateway.UniqueName("Mamani"), "1987-07-07");
        await worker.ArrivedAsync("mediators", clientId);
        await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Samira Benali", languages = new[] { new { code = "qu" } }, modes = new[] { "in_person" }, specialisms = new[] { "health" },
            userId = "demo-mediator",
        });
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(13), TimeSpan.Zero);
        var bookingId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "qu", specialism = "health", start, durationMinutes = 60, mode = "in_person", location = "Via Padova 12", clientId }), "bookingId");
        var other = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Rosa Quispe", languages = new[] { new { code = "qu" } }, modes = new[] { "in_person" }, specialisms = new[] { "health" },
        });

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone);
        await PortalBrowser.SignInAsync(page, "Samira Benali");
        await page.GotoAsync("/bookings/mine");
        if (Monday(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Office).DateTime)) != Monday(OfficeToday))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
        }

        var booking = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Quechua · in person" });
        await Expect(booking).ToContainTextAsync("health");
        var id = clientId.ToString("N").ToUpperInvariant();
        await Expect(booking).ToContainTextAsync($"Client ref. {id[24..28]}-{id[28..]}");
        await Expect(booking).ToContainTextAsync("Requested by");
        await booking.GetByRole(AriaRole.Button, new() { Name = "I can't attend" }).ClickAsync();
        await booking.GetByRole(AriaRole.Button, new() { Name = "Give the appointment back" }).ClickAsync();
        await Expect(booking).ToContainTextAsync("This field is required.");
        await PortalBrowser.AssertAccessibleAsync(page, "giving an appointment back");
        await booking.GetByLabel("Reason").FillAsync("A hospital visit of my own");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Give the appointment back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Quechua · in person" })).ToHaveCountAsync(0);

        await Eventually.HoldsAsync(async () =>
        {
            var current = await coordinator.GetFromJsonAsync<JsonElement>($"/api/mediators/bookings/{bookingId}");
            return current.TryGetProperty("mediatorId", out var mediator) && mediator.ValueKind == JsonValueKind.String && mediator.GetGuid() == other;
        }, "the booking given back goes to the other mediator");
    });

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
