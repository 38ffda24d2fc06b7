using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// Every role's key screens in each of the four ways the portal is used (desktop and phone, English and
/// Italian), with data on them: each page has a title of its own, countries and languages appear by name,
/// nothing is wider than a phone, axe-core finds no WCAG 2.1 A or AA violation, and a screenshot of each
/// is kept in <c>TestResults/screenshots/</c>.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed partial class EveryScreenSizeAndLanguageTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    /// <summary>What the screens say in one language, for finding things on them.</summary>
    private sealed record Wording(string Locale, string SignInAs, string DuplicateFound, string Details, string NextWeek);

    private static readonly Wording English = new("en-GB", "Sign in as", "This person may already be registered", "Details", "Next week");
    private static readonly Wording Italian = new("it-IT", "Accedi come", "Questa persona potrebbe essere già registrata", "Dettagli", "Settimana successiva");

    [Theory]
    [InlineData("desktop", "en", "yo", "Yoruba")]
    [InlineData("desktop", "it", "wo", "wolof")]
    [InlineData("phone", "en", "ig", "Igbo")]
    [InlineData("phone", "it", "sn", "shona")]
    public Task the_key_screens_have_their_own_title_names_for_codes_and_no_wcag_violations(string size, string language, string spoken, string spokenName) =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var viewport = size == "phone" ? PortalBrowser.Phone : PortalBrowser.Desktop;
        var wording = language == "it" ? Italian : English;
        var shot = $"{language}-{size}";
        var familyName = Gateway.UniqueName("Habte");
        var referred = await system.ReferredToNewPartnerAsync("Schermo ", "housing", ["Shelter"], ("Saba", familyName, "1991-03-03"));
        using var workerApi = await system.SignedInAsync("caseworker", office: "milan-central");
        await SpeaksAndIsEritreanAsync(workerApi, referred.ClientId, familyName, spoken);
        using (var coordinatorApi = await system.SignedInAsync("coordinator"))
        {
            await coordinatorApi.AddMediatorAvailableAllWeekAsync(new
            {
                name = "Samira Benali", languages = new[] { new { code = spoken } }, modes = new[] { "phone" }, userId = "demo-mediator",
            });
        }

        var tomorrow = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(8), TimeSpan.Zero);
        await Gateway.CreatedIdAsync(workerApi.PostAsJsonAsync("/api/mediators/bookings",
            new { language = spoken, start = tomorrow, durationMinutes = 45, mode = "phone", location = "+39 333 444 5555", clientId = referred.ClientId }), "bookingId");

        var titles = new Dictionary<string, string>();
        async Task CheckAsync(IPage page, string screen)
        {
            await Expect(page).ToHaveTitleAsync(new Regex(" · Integration$"));
            titles[screen] = await page.TitleAsync();
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= viewport.Width, $"{screen} is {width}px wide in a {viewport.Width}px window ({shot})");
            await PortalBrowser.AssertAccessibleAsync(page, $"{screen} ({shot})");
            await PortalBrowser.ScreenshotAsync(page, $"{shot}-{screen}");
        }

        var visitor = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await visitor.GotoAsync("/signin");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(visitor, "sign-in");

        var desk = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await PortalBrowser.SignInAsync(desk, "Giulia Rossi", wording.SignInAs);
        await CheckAsync(desk, "home");
        await desk.GotoAsync("/clients");
        await desk.Locator("#q").FillAsync($"Saba {familyName}");
        await desk.Locator("#q").PressAsync("Enter");
        var found = desk.GetByRole(AriaRole.Row).Filter(new() { HasText = familyName });
        await Expect(found).ToContainTextAsync(spokenName, new() { IgnoreCase = true });
        Assert.DoesNotMatch(CodeOf(spoken), await found.InnerTextAsync());
        await CheckAsync(desk, "search-results");
        await desk.GotoAsync("/clients/new");
        await desk.Locator("#givenName").FillAsync("Saba");
        await desk.Locator("#familyName").FillAsync(familyName);
        await desk.Locator("#dateOfBirth").FillAsync("03/03/1991");
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = wording.DuplicateFound })).ToBeVisibleAsync();
        await CheckAsync(desk, "registration-with-duplicate");

        var worker = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await PortalBrowser.SignInAsync(worker, "Marco Bianchi", wording.SignInAs);
        await worker.GotoAsync("/worklist");
        await Expect(worker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(worker, "worklist");
        await worker.GotoAsync($"/clients/{referred.ClientId}");
        var record = worker.Locator("main");
        await Expect(record).ToContainTextAsync("Eritrea");
        await Expect(record).ToContainTextAsync(spokenName, new() { IgnoreCase = true });
        Assert.DoesNotMatch(CodeOf(spoken), await record.InnerTextAsync());
        // The page names the person in its title once the head outlet renders after the record: wait for it, not for the placeholder title.
        await Expect(worker).ToHaveTitleAsync(new Regex($"^Saba {familyName} "));
        await CheckAsync(worker, "client-record");
        await worker.GotoAsync($"/clients/{referred.ClientId}?tab=bookings");
        await Expect(worker.GetByRole(AriaRole.Tab, new() { Selected = true })).ToHaveIdAsync("tab-bookings");
        await Expect(record).ToContainTextAsync(spokenName, new() { IgnoreCase = true });
        Assert.DoesNotMatch(CodeOf(spoken), await record.InnerTextAsync());
        await PortalBrowser.AssertAccessibleAsync(worker, $"the record's bookings tab ({shot})");

        var partner = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await PortalBrowser.SignInAsync(partner, referred.Organisation, wording.SignInAs);
        await partner.GotoAsync("/inbox");
        var card = partner.GetByRole(AriaRole.Article).Filter(new() { HasText = "Shelter" }).First;
        await card.GetByRole(AriaRole.Button, new() { Name = wording.Details }).ClickAsync();
        await Expect(card).ToContainTextAsync(familyName);
        Assert.DoesNotMatch(CodeOf(spoken), await card.InnerTextAsync());
        await CheckAsync(partner, "inbox");

        var mediator = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await PortalBrowser.SignInAsync(mediator, "Samira Benali", wording.SignInAs);
        await mediator.GotoAsync("/bookings/mine");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome")).DateTime);
        if (today.DayOfWeek == DayOfWeek.Sunday)
        {
            await mediator.GetByRole(AriaRole.Button, new() { Name = wording.NextWeek }).ClickAsync();
        }

        var booking = mediator.GetByRole(AriaRole.Article).Filter(new() { HasTextRegex = new Regex(spokenName, RegexOptions.IgnoreCase) }).First;
        await Expect(booking).ToBeVisibleAsync();
        Assert.DoesNotMatch(CodeOf(spoken), await booking.InnerTextAsync());
        await CheckAsync(mediator, "mediator-week");

        var coordinator = await browser.NewPageAsync(system.Gateway.Address, viewport, wording.Locale);
        await PortalBrowser.SignInAsync(coordinator, "Elena Conti", wording.SignInAs);
        await coordinator.GotoAsync("/dashboard");
        await Expect(coordinator.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await CheckAsync(coordinator, "dashboard");

        Assert.Equal(titles.Count, titles.Values.Distinct().Count());
        Assert.StartsWith($"Saba {familyName} ", titles["client-record"], StringComparison.Ordinal);
    });

    private static async Task SpeaksAndIsEritreanAsync(HttpClient worker, Guid clientId, string familyName, string spoken)
    {
        using var languages = await worker.PutAsJsonAsync($"/api/intake/clients/{clientId}/languages",
            new { languages = new[] { new { code = spoken, proficiency = "native" } }, preferredLanguage = spoken, interpreterRequired = true });
        Assert.True(languages.IsSuccessStatusCode, await languages.Content.ReadAsStringAsync());
        using var identity = await worker.PutAsJsonAsync($"/api/intake/clients/{clientId}/identity", new
        {
            givenName = "Saba", familyName, dateOfBirth = "1991-03-03", sex = "female", nationalities = new[] { "ER" }, reason = "Passport seen",
        });
        Assert.True(identity.IsSuccessStatusCode, await identity.Content.ReadAsStringAsync());
    }

    /// <summary>The API's code for the language, or Eritrea's, standing alone in the text as a code would.</summary>
    private static Regex CodeOf(string language) => new($@"(^|[\s·,(])({Regex.Escape(language)}|ER)($|[\s·,)])");
}
