using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>The record as a workspace: a missing consent is flagged before a referral is sent, and the record prints whole.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class WorkspaceTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task services_without_the_persons_consent_are_flagged_before_sending_with_the_way_to_record_it() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        var organisation = Gateway.UniqueName("Senza Consenso ");
        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = organisation, description = "Legal aid" }), "organisationId");
        await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Asylum advice", category = "legal", languages = new[] { "fa" }, responseHours = 48 }), "serviceId");
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        var familyName = Gateway.UniqueName("Ahmadi");
        var clientId = await worker.RegisterAsync("Farid", familyName, "1996-01-20");
        await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "legal", priority = "high", description = "Asylum appeal" }), "needId");
        await worker.ArrivedAsync("referrals", clientId);

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{clientId}?tab=needs");
        var need = page.GetByRole(AriaRole.Article, new() { Name = "legal" });
        await need.GetByRole(AriaRole.Button, new() { Name = "Refer to a service" }).ClickAsync();
        var service = need.Locator(".check").Filter(new() { HasText = $"Asylum advice · {organisation}" });
        await Expect(service).ToContainTextAsync($"No consent yet to share with {organisation}.");
        await Expect(service).ToContainTextAsync("Persian");
        await PortalBrowser.AssertAccessibleAsync(page, "the referral form with a missing consent flagged");
        await service.GetByRole(AriaRole.Link, new() { Name = "Record consent" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Consents" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Consents" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task the_record_prints_every_part_and_none_of_the_controls() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var referred = await system.ReferredToNewPartnerAsync("Casa ", "housing", ["Beds"], ("Aster", Gateway.UniqueName("Gebre"), "1987-12-12"));
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{referred.ClientId}");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Timeline" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the record" })).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Needs" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Consents" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tablist)).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a need" })).ToBeHiddenAsync();
        await PortalBrowser.ScreenshotAsync(page, "record-printed");
    });

    [Fact]
    public Task a_phone_booking_carries_the_number_to_call_the_form_starts_afresh_and_the_booking_is_cancelled_with_a_reason() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        await coordinator.AddMediatorAvailableAllWeekAsync(new { name = "Neema Mwangi", languages = new[] { new { code = "sw" } }, modes = new[] { "phone" } });
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        var familyName = Gateway.UniqueName("Otieno");
        var clientId = await worker.RegisterAsync("Akinyi", familyName, "1994-04-04");
        await worker.ArrivedAsync("mediators", clientId);

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{clientId}?tab=bookings");
        var bookings = page.GetByRole(AriaRole.Region, new() { Name = "Intercultural mediators" });
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Book a mediator" }).ClickAsync();
        await bookings.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }).FillAsync("Swahili");
        await bookings.GetByLabel("Day", new() { Exact = true }).FillAsync(DateTime.Now.Date.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await bookings.GetByLabel("Time", new() { Exact = true }).FillAsync("11:00");
        await bookings.GetByLabel("How").SelectOptionAsync(new SelectOptionValue { Label = "by phone" });
        await bookings.GetByLabel("Number the mediator calls").FillAsync("+39 333 000 1111");
        await bookings.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(bookings.GetByRole(AriaRole.Status)).ToContainTextAsync("Neema Mwangi");
        await Expect(bookings.GetByLabel("Day", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(bookings.GetByLabel("Time", new() { Exact = true })).ToHaveValueAsync("");
        var booking = bookings.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Swahili · by phone" });
        await Expect(booking).ToContainTextAsync("assigned · Neema Mwangi");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Cancel the booking" }).ClickAsync();
        await booking.GetByRole(AriaRole.Button, new() { Name = "Confirm the cancellation" }).ClickAsync();
        await Expect(booking).ToContainTextAsync("This field is required.");
        await booking.GetByLabel("Reason").FillAsync("The appointment at the clinic moved");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Confirm the cancellation" }).ClickAsync();
        await Expect(booking).ToContainTextAsync("cancelled");
        await PortalBrowser.AssertAccessibleAsync(page, "the bookings tab after a cancellation");
    });
}
