using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>A coordinator records the project money that pays for services, in the browser, through the gateway and referrals.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class FundingInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_coordinator_adds_a_funding_stream_sees_what_is_wrong_first_and_then_finds_it_listed() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var code = $"AMIF-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var coordinator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(coordinator, "Elena Conti");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Funding streams" }).First.ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Funding streams", Level = 1 })).ToBeVisibleAsync();

        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add a funding stream" }).ClickAsync();
        var form = coordinator.GetByRole(AriaRole.Form, new() { Name = "Add a funding stream" });
        await form.GetByLabel("Code").FillAsync(code);
        await form.GetByLabel("Starts on").FillAsync("01/01/2026");
        await form.GetByLabel("Ends on").FillAsync("31/12/2025");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a funding stream" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(form.GetByText("On or after startsOn.")).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(coordinator, "the funding streams with field errors");

        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Asylum, Migration and Integration Fund");
        await form.GetByLabel("Funder").FillAsync("European Commission");
        await form.GetByLabel("Programme").FillAsync("IT-AMIF-2026");
        await form.GetByLabel("Ends on").FillAsync("31/12/2027");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a funding stream" }).ClickAsync();

        await Expect(coordinator.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Funding stream {code} added." })).ToBeVisibleAsync();
        await Expect(coordinator.GetByRole(AriaRole.Row, new() { Name = $"{code} Asylum, Migration and Integration Fund European Commission IT-AMIF-2026 01/01/2026 31/12/2027" }))
            .ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(coordinator, "funding-streams");

        // The stream's report: nobody reached yet, and a count under five never shows as a number.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = $"Report {code}" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Funders' report", Level = 1 })).ToBeVisibleAsync();
        await Expect(coordinator.GetByLabel("Funding stream")).ToHaveValueAsync(code);
        await Expect(coordinator.GetByText("From 01/01/2026 to 31/12/2027")).ToBeVisibleAsync();
        await Expect(coordinator.Locator("#beneficiaries")).ToHaveTextAsync("<5");
        await Expect(coordinator.GetByRole(AriaRole.Link, new() { Name = "Download CSV" })).ToHaveAttributeAsync("href",
            $"/download/funding.csv?stream={code}&from=2026-01-01&to=2027-12-31");
        await PortalBrowser.AssertAccessibleAsync(coordinator, "the funders' report");
        await PortalBrowser.ScreenshotAsync(coordinator, "funding-report");
        await coordinator.GetByLabel("Funding stream").SelectOptionAsync("");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await Expect(coordinator.GetByText("Name the funding stream to report on (its code).")).ToBeVisibleAsync();

        // Referrals announces the stream over the broker; intake keeps it for the desks, who name it on plan actions and bookings.
        using var worker = await system.SignedInAsync("caseworker");
        await Eventually.HoldsAsync(async () =>
            (await worker.GetStringAsync("/api/intake/funding-streams?pageSize=200")).Contains($"\"code\":\"{code}\"", StringComparison.Ordinal),
            "the stream known to intake");
    });
}
