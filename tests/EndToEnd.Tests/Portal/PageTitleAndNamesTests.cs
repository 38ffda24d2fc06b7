using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>Every page names itself in the browser tab, and countries and languages appear by name, never as the API's ISO codes.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed partial class PageTitleAndNamesTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task each_page_has_a_title_of_its_own_in_the_tab() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var desk = await system.SignedInAsync("frontdesk", office: "milan-central");
        var clientId = await desk.RegisterAsync("Tigist", Gateway.UniqueName("Alemu"), "1990-02-02");
        var organisation = Gateway.UniqueName("Casa Titoli ");
        using (var coordinatorApi = await system.SignedInAsync("coordinator"))
        {
            await Gateway.CreatedIdAsync(coordinatorApi.PostAsJsonAsync("/api/referrals/organisations",
                new { name = organisation, description = "Housing" }), "organisationId");
        }

        var titles = new Dictionary<string, string>();

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await page.GotoAsync("/signin");
        titles["/signin"] = await page.TitleAsync();
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        // The record's title names the person once the record is read (the head is updated after the body): it is awaited.
        foreach (var (path, heading, title) in new[]
        {
            ("/", "Welcome, Marco Bianchi", " · Integration$"), ("/worklist", "Worklist", " · Integration$"), ("/clients", "Find a client", " · Integration$"),
            ("/clients/new", "Register a client", " · Integration$"), ($"/clients/{clientId}", "Tigist", "^Tigist .* · Integration$"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await Expect(page).ToHaveTitleAsync(new Regex(title));
            titles[path] = await page.TitleAsync();
        }

        var coordinator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(coordinator, "Elena Conti");
        await coordinator.GotoAsync("/dashboard");
        await Expect(coordinator).ToHaveTitleAsync(new Regex("^Caseload · Integration$"));
        titles["/dashboard"] = await coordinator.TitleAsync();

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(partner, organisation);
        await partner.GotoAsync("/inbox");
        await Expect(partner).ToHaveTitleAsync(new Regex(" · Integration$"));
        titles["/inbox"] = await partner.TitleAsync();

        var mediator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone);
        await PortalBrowser.SignInAsync(mediator, "Samira Benali");
        await mediator.GotoAsync("/bookings/mine");
        await Expect(mediator).ToHaveTitleAsync(new Regex(" · Integration$"));
        titles["/bookings/mine"] = await mediator.TitleAsync();

        Assert.Equal(titles.Count, titles.Values.Distinct().Count());
        Assert.StartsWith("Tigist ", titles[$"/clients/{clientId}"], StringComparison.Ordinal);
        Assert.All(titles.Values, title => Assert.NotEqual("Integration", title));
    });

    [Fact]
    public Task the_record_and_the_partners_inbox_show_countries_and_languages_by_name_in_the_pages_language() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Tesfay");
        var referred = await system.ReferredToNewPartnerAsync("Casa ", "housing", ["Shelter"], ("Meron", familyName, "1993-07-07"));
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        using (var languages = await worker.PutAsJsonAsync($"/api/intake/clients/{referred.ClientId}/languages",
            new { languages = new[] { new { code = "ti", proficiency = "native" } }, preferredLanguage = "ti", interpreterRequired = true }))
        {
            Assert.True(languages.IsSuccessStatusCode, await languages.Content.ReadAsStringAsync());
        }

        using (var identity = await worker.PutAsJsonAsync($"/api/intake/clients/{referred.ClientId}/identity", new
        {
            givenName = "Meron", familyName, dateOfBirth = "1993-07-07", sex = "female", nationalities = new[] { "ER" }, reason = "Passport seen",
        }))
        {
            Assert.True(identity.IsSuccessStatusCode, await identity.Content.ReadAsStringAsync());
        }

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop, locale: "it-IT");
        await PortalBrowser.SignInAsync(page, "Marco Bianchi", signInLabel: "Accedi come");
        await page.GotoAsync($"/clients/{referred.ClientId}");
        var profile = page.GetByRole(AriaRole.Region, new() { Name = "Profilo" });
        await Expect(profile).ToContainTextAsync("Eritrea");
        await Expect(profile).ToContainTextAsync("tigrino");
        Assert.DoesNotMatch(IsoCode(), await profile.InnerTextAsync());

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(partner, referred.Organisation);
        await partner.GotoAsync("/inbox");
        var card = partner.GetByRole(AriaRole.Article).Filter(new() { HasText = "Shelter" }).First;
        await Expect(card).ToBeVisibleAsync();
        Assert.DoesNotMatch(IsoCode(), await card.InnerTextAsync());

        using (var coordinatorApi = await system.SignedInAsync("coordinator"))
        {
            await coordinatorApi.AddMediatorAvailableAllWeekAsync(new
            {
                name = "Samira Benali", languages = new[] { new { code = "ti" } }, modes = new[] { "phone" }, userId = "demo-mediator",
            });
        }

        var booked = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(7), TimeSpan.Zero);
        await Gateway.CreatedIdAsync(worker.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "ti", start = booked, durationMinutes = 45, mode = "phone", location = "+39 333 111 2222", clientId = referred.ClientId }), "bookingId");
        var mediator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop, locale: "it-IT");
        await PortalBrowser.SignInAsync(mediator, "Samira Benali", signInLabel: "Accedi come");
        await mediator.GotoAsync("/bookings/mine");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome")).DateTime);
        if (today.DayOfWeek == DayOfWeek.Sunday)
        {
            await mediator.GetByRole(AriaRole.Button, new() { Name = "Settimana successiva" }).ClickAsync();
        }

        var booking = mediator.GetByRole(AriaRole.Article).Filter(new() { HasText = "tigrino" }).First;
        await Expect(booking).ToBeVisibleAsync();
        Assert.DoesNotMatch(IsoCode(), await booking.InnerTextAsync());
    });

    /// <summary>A two-letter code standing alone, as the API writes countries and languages ("ER", "ti").</summary>
    [GeneratedRegex(@"(^|[\s·,(])(ER|ti)($|[\s·,)])")]
    private static partial Regex IsoCode();
}
