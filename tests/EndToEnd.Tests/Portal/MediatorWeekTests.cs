using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

[Collection(SharedRunningSystem.Name)]
public sealed class MediatorWeekTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_mediator_sees_the_booking_assigned_to_them_in_their_week_and_confirms_it() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        using var desk = await system.SignedInAsync("frontdesk");
        var mediatorId = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Samira Benali", languages = new[] { new { code = "lo" } }, modes = new[] { "phone" }, userId = "demo-mediator",
        });

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        await Gateway.CreatedIdAsync(desk.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "lo", start, durationMinutes = 45, mode = "phone" }), "bookingId");

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone);
        await PortalBrowser.SignInAsync(page, "Samira Benali");
        await page.GetByRole(AriaRole.Link, new() { Name = "My bookings" }).First.ClickAsync();
        if (Monday(start) != Monday(DateTimeOffset.Now))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
        }

        var booking = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Lao · by phone" });
        await Expect(booking).ToContainTextAsync("assigned");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(booking).ToContainTextAsync("confirmed");
        await PortalBrowser.ScreenshotAsync(page, "mediator-week-phone");
    });

    [Fact]
    public Task a_mediator_records_an_appointment_that_has_begun_as_completed_with_the_minutes_it_took() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        using var desk = await system.SignedInAsync("frontdesk");
        await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Samira Benali", languages = new[] { new { code = "sm" } }, modes = new[] { "video" }, userId = "demo-mediator",
        });
        // The API books only what is still ahead and completes only what has begun: an appointment a few seconds away.
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        await Gateway.CreatedIdAsync(desk.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "sm", start, durationMinutes = 30, mode = "video" }), "bookingId");
        await Task.Delay(start - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Samira Benali");
        await page.GotoAsync("/bookings/mine");
        var booking = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Samoan · by video" });
        await booking.GetByLabel("Minutes actually worked").FillAsync("0");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Record as completed" }).ClickAsync();
        await Expect(booking.Locator(".field-errors")).ToContainTextAsync("1 to");
        await booking.GetByLabel("Minutes actually worked").FillAsync("40");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Record as completed" }).ClickAsync();
        await Expect(booking).ToContainTextAsync("completed");
        await PortalBrowser.ScreenshotAsync(page, "mediator-completed");
    });

    private static DateOnly Monday(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.ToLocalTime().DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
