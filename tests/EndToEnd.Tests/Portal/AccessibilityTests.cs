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
}
