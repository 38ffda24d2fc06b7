using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>A coordinator compares two records of one person side by side, merges them, and undoes a wrong merge, in English and Italian.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class DuplicatesQueueInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_coordinator_compares_a_pair_merges_it_and_undoes_the_merge() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Warsame");
        using var desk = await system.SignedInAsync("frontdesk", office: "milan-central");
        var first = await desk.RegisterAsync("Hodan", familyName, "1994-04-14");
        using (var again = await desk.PostAsJsonAsync("/api/intake/clients", new
        {
            givenName = "Hodaan", familyName, dateOfBirth = "1994-04-14", duplicateCheckOverride = new { reason = "Says she has not been here" },
        }))
        {
            Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        }

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Elena Conti");
        await page.GetByRole(AriaRole.Link, new() { Name = "Duplicates", Exact = true }).ClickAsync();
        await Expect(page).ToHaveTitleAsync("Possible duplicates · Integration");
        await Expect(page.GetByRole(AriaRole.Article).First).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(page, "the duplicates queue");

        // The queue names nobody until a pair is opened: open each until the one with this family name.
        var articles = page.GetByRole(AriaRole.Article);
        ILocator? found = null;
        for (var index = 0; index < await articles.CountAsync() && found is null; index++)
        {
            var candidate = articles.Nth(index);
            await candidate.GetByRole(AriaRole.Button, new() { Name = "Compare the two records" }).ClickAsync();
            await Expect(candidate.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
            found = (await candidate.GetByRole(AriaRole.Table).InnerTextAsync()).Contains(familyName, StringComparison.Ordinal) ? candidate : null;
        }

        var pair = found ?? throw new InvalidOperationException($"No pair with {familyName} in the queue");
        var table = pair.GetByRole(AriaRole.Table);
        await Expect(table).ToContainTextAsync($"Hodan {familyName}");
        await Expect(table).ToContainTextAsync($"Hodaan {familyName}");
        await Expect(table).ToContainTextAsync("14/04/1994");
        await Expect(pair).ToContainTextAsync("registered despite a warning");
        await PortalBrowser.AssertAccessibleAsync(page, "two records side by side");
        await PortalBrowser.ScreenshotAsync(page, "duplicates-compare");
        await pair.GetByRole(AriaRole.Button, new() { Name = $"Merge, keeping Hodan {familyName}'s record" }).ClickAsync();
        await pair.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(pair).ToContainTextAsync("This field is required.");
        await pair.GetByLabel("Reason").FillAsync("Same passport number");
        await pair.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(pair.GetByRole(AriaRole.Status)).ToContainTextAsync($"Merged into Hodan {familyName}'s record.");

        using var coordinator = await system.SignedInAsync("coordinator");
        var record = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/intake/clients/{first}");
        Assert.Contains("Hodaan", record.GetProperty("otherNames").EnumerateArray().Select(name => name.GetString()));

        await pair.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" }).ClickAsync();
        await pair.GetByLabel("Reason").FillAsync("Sisters, checked again");
        await pair.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = familyName })).ToHaveCountAsync(0);
        record = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/intake/clients/{first}");
        Assert.DoesNotContain("Hodaan", record.GetProperty("otherNames").EnumerateArray().Select(name => name.GetString()));

        var italian = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(italian, "Elena Conti", signInLabel: "Accedi come");
        await italian.GotoAsync("/duplicates");
        await Expect(italian.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Possibili doppioni");
        await PortalBrowser.AssertAccessibleAsync(italian, "the duplicates queue in Italian on a phone");
    });
}
