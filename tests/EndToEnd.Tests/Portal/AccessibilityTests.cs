using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>Every screen, as the person who uses it sees it with data on it, checked by axe-core against WCAG 2.1 A and AA.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class AccessibilityTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task the_screens_of_every_role_have_no_wcag_violations() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Tesfaye");
        var organisation = (await system.ReferredToNewPartnerAsync("Accesso ", "legal", ["Asylum advice"], ("Selam", familyName, "1999-12-01"))).Organisation;

        var visitor = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await visitor.GotoAsync("/signin");
        await PortalBrowser.AssertAccessibleAsync(visitor, "the sign-in page");

        var desk = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone);
        await PortalBrowser.SignInAsync(desk, "Giulia Rossi");
        await PortalBrowser.AssertAccessibleAsync(desk, "the front desk's home");
        await desk.GotoAsync("/clients/new");
        await desk.GetByLabel("Given name", new() { Exact = true }).FillAsync("Selam");
        await desk.GetByLabel("Family name", new() { Exact = true }).FillAsync(familyName);
        await desk.GetByLabel("Date of birth", new() { Exact = true }).FillAsync("1999-12-01");
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "This person may already be registered" })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(desk, "registration with a possible duplicate");
        await desk.GotoAsync("/clients");
        await desk.GetByLabel("Name", new() { Exact = true }).FillAsync(familyName);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Link, new() { Name = $"Selam {familyName}" })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(desk, "search results");

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(partner, organisation);
        await partner.GotoAsync("/inbox");
        await Expect(partner.GetByRole(AriaRole.Article)).ToContainTextAsync("Asylum advice");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await PortalBrowser.AssertAccessibleAsync(partner, "the partner's inbox with the decline form open");

        var mediator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(mediator, "Samira Benali");
        await mediator.GotoAsync("/bookings/mine");
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(mediator, "the mediator's week");

        var dashboard = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(dashboard, "Elena Conti");
        await dashboard.GotoAsync("/dashboard");
        await Expect(dashboard.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(dashboard, "the coordinator's dashboard");
    });

    [Fact]
    public Task the_screens_in_italian_on_the_other_screen_size_have_no_wcag_violations_in_any_tab_or_open_form() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Ghebre");
        var referred = await system.ReferredToNewPartnerAsync("Accessibile ", "housing", ["Casa comune"], ("Yonas", familyName, "1988-08-08"));

        var desk = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop, locale: "it-IT");
        await PortalBrowser.SignInAsync(desk, "Giulia Rossi", signInLabel: "Accedi come");
        await desk.GotoAsync("/clients/new");
        await desk.Locator("#givenName").FillAsync("Yonas");
        await desk.Locator("#familyName").FillAsync(Gateway.UniqueName("Kidane"));
        await desk.Locator("#dateOfBirth").FillAsync("08/08/1988");
        await Expect(desk.Locator("#dateOfBirth")).ToHaveValueAsync("08/08/1988");
        await desk.Locator("#email").FillAsync("not-an-address");
        await desk.Locator("form").GetByRole(AriaRole.Button, new() { Name = "Registra", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#email-errors")).ToHaveTextAsync("Non è un indirizzo e-mail.");
        await PortalBrowser.AssertAccessibleAsync(desk, "registration in Italian with an API error");
        await PortalBrowser.ScreenshotAsync(desk, "it-desktop-registration-errors");

        var worker = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(worker, "Marco Bianchi", signInLabel: "Accedi come");
        await PortalBrowser.AssertAccessibleAsync(worker, "the worklist in Italian on a phone");
        await worker.GotoAsync($"/clients/{referred.ClientId}");
        var tabs = worker.GetByRole(AriaRole.Tab);
        await Expect(tabs.First).ToBeVisibleAsync();
        for (var index = 0; index < await tabs.CountAsync(); index++)
        {
            var tab = tabs.Nth(index);
            var name = await tab.InnerTextAsync();
            await tab.ClickAsync();
            await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
            await PortalBrowser.AssertAccessibleAsync(worker, $"the record's tab '{name}' in Italian on a phone");
        }

        await worker.GetByRole(AriaRole.Tab).Nth(3).ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Prenota un mediatore" }).ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Mostra gli orari liberi" }).ClickAsync();
        await PortalBrowser.AssertAccessibleAsync(worker, "the booking form with its free times in Italian on a phone");
        await PortalBrowser.ScreenshotAsync(worker, "it-phone-booking-form");

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(partner, referred.Organisation, signInLabel: "Accedi come");
        await partner.GotoAsync("/inbox");
        var card = partner.GetByRole(AriaRole.Article).First;
        await card.GetByRole(AriaRole.Button, new() { Name = "Dettagli" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Rifiuta" }).ClickAsync();
        await PortalBrowser.AssertAccessibleAsync(partner, "the inbox with a card open and the decline form in Italian on a phone");
        await PortalBrowser.ScreenshotAsync(partner, "it-phone-inbox-open-card");

        var coordinator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(coordinator, "Elena Conti", signInLabel: "Accedi come");
        await coordinator.GotoAsync("/dashboard");
        await Expect(coordinator.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(coordinator, "the dashboard in Italian on a phone");
        await PortalBrowser.ScreenshotAsync(coordinator, "it-phone-dashboard");
    });
}
