using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// A case worker keeps a record current in the browser: contact details, a new legal status with
/// its history, a referral redirected to another service, a need reprioritised and resolved, the
/// case closed and reopened; refusals of the API appear next to the field they are about.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class CaseWorkInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_case_worker_updates_the_record_redirects_a_referral_resolves_the_need_and_closes_and_reopens_the_case() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Melnyk");
        var referred = await system.ReferredToNewPartnerAsync("Rifugio ", "housing", ["Day centre", "Night shelter"], ("Olena", familyName, "1984-05-09"));
        var (organisation, clientId) = (referred.Organisation, referred.ClientId);

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{clientId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Olena {familyName}", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Change contact details" }).ClickAsync();
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+39 02 1234 5678");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("olena at example");
        await page.GetByLabel("Municipality", new() { Exact = true }).FillAsync("Milano");
        await page.GetByLabel("District (optional)", new() { Exact = true }).FillAsync("Municipio 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        await Expect(page.Locator("#contact-email-errors")).ToContainTextAsync("Not an e-mail address.");
        await Expect(page.GetByLabel("Municipality", new() { Exact = true })).ToHaveValueAsync("Milano");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("olena@example.org");
        using (var colleague = await system.SignedInAsync("caseworker", office: "milan-central"))
        {
            using var meanwhile = await colleague.PutAsJsonAsync($"/api/intake/clients/{clientId}/contact", new { phone = "+39 02 9999 0000" });
            Assert.Equal(System.Net.HttpStatusCode.NoContent, meanwhile.StatusCode);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone changed this record while you had it open.");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Profile" })).ToContainTextAsync("+39 02 9999 0000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change contact details" }).ClickAsync();
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+39 02 1234 5678");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("olena@example.org");
        await page.GetByLabel("Municipality", new() { Exact = true }).FillAsync("Milano");
        await page.GetByLabel("District (optional)", new() { Exact = true }).FillAsync("Municipio 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        var profile = page.GetByRole(AriaRole.Region, new() { Name = "Profile" });
        await Expect(profile).ToContainTextAsync("Milano · Municipio 2");
        await Expect(profile).ToContainTextAsync("olena@example.org");

        var soon = DateTime.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a new legal status" }).ClickAsync();
        await page.GetByLabel("Legal status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "temporary permit" });
        await page.GetByLabel("Document number (optional)", new() { Exact = true }).FillAsync("---");
        await page.GetByLabel("Valid until (optional)", new() { Exact = true }).FillAsync(soon);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the legal status" }).ClickAsync();
        await Expect(page.Locator("#legal-document-errors")).ToContainTextAsync("letters or digits");
        await page.GetByLabel("Document number (optional)", new() { Exact = true }).FillAsync("TP 4471");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the legal status" }).ClickAsync();
        await Expect(profile.GetByRole(AriaRole.Alert)).ToContainTextAsync("The permit expires in 10 days");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a new legal status" }).ClickAsync();
        await page.GetByLabel("Legal status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "subsidiary protection" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the legal status" }).ClickAsync();
        await Expect(profile).ToContainTextAsync("subsidiary protection");
        await Expect(profile.GetByRole(AriaRole.List).Filter(new() { HasText = "temporary permit" })).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(page, "casework-1-profile-and-legal-status");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Needs and referrals" }).ClickAsync();
        var need = page.GetByRole(AriaRole.Article, new() { Name = "housing" });
        await need.GetByRole(AriaRole.Button, new() { Name = "Redirect" }).ClickAsync();
        await need.GetByLabel("To the service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Night shelter · {organisation}" });
        await need.GetByLabel("Note (optional)", new() { Exact = true }).FillAsync("The day centre has no beds");
        await need.GetByRole(AriaRole.Button, new() { Name = "Redirect the referral" }).ClickAsync();
        await Expect(need).ToContainTextAsync($"Referred to Day centre ({organisation}) · redirected");
        await Expect(need).ToContainTextAsync($"Referred to Night shelter ({organisation}) · sent");

        await need.GetByRole(AriaRole.Button, new() { Name = "Change priority" }).ClickAsync();
        await need.GetByLabel("Priority", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "urgent" });
        await need.GetByRole(AriaRole.Button, new() { Name = "Change", Exact = true }).ClickAsync();
        await Expect(need.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync("housing · urgent · open");
        await PortalBrowser.ScreenshotAsync(page, "casework-2-redirected-and-reprioritised");
        await PortalBrowser.AssertAccessibleAsync(page, "the client record");

        await Expect(need).ToContainTextAsync("Open referrals of this need: 1. Resolving the need does not close them");
        await need.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await need.GetByRole(AriaRole.Button, new() { Name = "Resolve the need" }).ClickAsync();
        await Expect(need.Locator(".field-errors").First).ToContainTextAsync("This field is required.");
        await need.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "met" });
        await need.GetByRole(AriaRole.Button, new() { Name = "Resolve the need" }).ClickAsync();
        await Expect(need.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync("housing · urgent · resolved");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Profile" }).ClickAsync();
        await profile.GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();
        await profile.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "housed" });
        await profile.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(profile).ToContainTextAsync("closed · housed");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Reopen the case" }).ClickAsync();
        await profile.GetByRole(AriaRole.Button, new() { Name = "Reopen", Exact = true }).ClickAsync();
        await Expect(profile.Locator("#reopen-case-errors")).ToContainTextAsync("This field is required.");
        await profile.GetByLabel("Reason", new() { Exact = true }).FillAsync("Evicted again in January");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Reopen", Exact = true }).ClickAsync();
        await Expect(profile.GetByRole(AriaRole.Button, new() { Name = "Close the case" })).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(page, "casework-3-resolved-closed-reopened");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline).ToContainTextAsync("Case reopened: Evicted again in January");
        await Expect(timeline).ToContainTextAsync("Marco Bianchi");
    });
}
