using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// A person's data rights as a coordinator handles them in the browser: who has seen the record, a
/// copy of everything held, and erasure, which asks for the person's name before it acts.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class DataProtectionInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_coordinator_sees_who_read_the_record_downloads_everything_held_and_erases_it_after_typing_the_name() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Haile");
        var referred = await system.ReferredToNewPartnerAsync("Diritti ", "legal", ["Legal clinic"], ("Meron", familyName, "1993-06-02"));
        using (var caseworker = await system.SignedInAsync("caseworker", office: "milan-central"))
        {
            using var read = await caseworker.GetAsync($"/api/intake/clients/{referred.ClientId}");
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        }

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Elena Conti");
        await page.GotoAsync($"/clients/{referred.ClientId}");
        // The record's parts read at once; the panel lists the reads made when it is opened, so the timeline's is awaited first.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        await Expect(page.Locator("ol.timeline > li").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Data protection" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Data protection" });
        await Expect(panel.GetByRole(AriaRole.Cell, new() { Name = "e2e-caseworker (case worker)" }).First).ToBeVisibleAsync();
        var ownVisit = panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "Elena Conti (coordinator)" }).First;
        await Expect(ownVisit).ToContainTextAsync("the record");
        await Expect(ownVisit).ToContainTextAsync("the timeline");

        var export = await page.APIRequest.GetAsync($"/download/clients/{referred.ClientId}/export.json");
        Assert.Equal(200, export.Status);
        Assert.StartsWith("attachment", export.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains(familyName, await export.TextAsync(), StringComparison.Ordinal);
        var unknown = await page.APIRequest.GetAsync($"/download/clients/{Guid.NewGuid()}/export.json");
        Assert.Equal(404, unknown.Status);

        var report = await page.Context.RunAndWaitForPageAsync(() => panel.GetByRole(AriaRole.Link, new() { Name = "Print what we hold, for the person" }).ClickAsync());
        await Expect(report.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your personal data held by the one-stop-shop");
        await Expect(report.GetByRole(AriaRole.Table).Filter(new() { HasText = "Legal clinic" })).ToContainTextAsync("sent, waiting for an answer");
        await Expect(report.GetByRole(AriaRole.Heading, new() { Name = "Who has seen your data" })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(report, "the subject access report");
        await PortalBrowser.ScreenshotAsync(report, "subject-access-report");
        await report.CloseAsync();

        await panel.GetByRole(AriaRole.Button, new() { Name = "Erase personal data…" }).ClickAsync();
        await panel.GetByLabel($"To confirm, type the person's full name: Meron {familyName}").FillAsync("Meron Someoneelse");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Erase permanently" }).ClickAsync();
        await Expect(panel.Locator("#erase-name-errors")).ToContainTextAsync("nothing was erased");
        await PortalBrowser.AssertAccessibleAsync(page, "the data protection panel with the erasure form open");
        using var coordinator = await system.SignedInAsync("coordinator");
        using (var stillThere = await coordinator.GetAsync($"/api/intake/clients/{referred.ClientId}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, stillThere.StatusCode);
        }

        await panel.GetByLabel($"To confirm, type the person's full name: Meron {familyName}").FillAsync($"meron {familyName}");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Erase permanently" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Personal data erased" })).ToBeVisibleAsync();
        await Eventually.HoldsAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{referred.ClientId}/erasure")).GetProperty("status").GetString() == "complete",
            "every service confirming the erasure");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Erasure complete in every service");
        await PortalBrowser.ScreenshotAsync(page, "data-protection-erased");
        await PortalBrowser.AssertAccessibleAsync(page, "an erased record");

        var worker = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(worker, "Marco Bianchi");
        var refused = await worker.APIRequest.GetAsync($"/download/clients/{referred.ClientId}/export.json", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, refused.Status);
        Assert.DoesNotContain("attachment", refused.Headers.GetValueOrDefault("content-disposition") ?? "", StringComparison.Ordinal);
        await worker.GotoAsync($"/clients/{referred.ClientId}");
        await Expect(worker.GetByText("This person's personal data has been erased at their request.")).ToBeVisibleAsync();
    });
}
