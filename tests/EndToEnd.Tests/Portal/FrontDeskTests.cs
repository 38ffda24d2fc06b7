using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

[Collection(SharedRunningSystem.Name)]
public sealed class FrontDeskTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_front_desk_registers_a_client_and_a_second_spelling_of_the_same_person_shows_them_side_by_side_as_a_possible_duplicate() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Haddad");
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await PortalBrowser.SignInAsync(page, "Giulia Rossi");

        await page.GetByRole(AriaRole.Link, new() { Name = "Register a client" }).First.ClickAsync();
        await FillPersonAsync(page, "Mohammed", familyName, "1990-03-14");
        await page.GetByLabel("Municipality (optional)").FillAsync("Milano");
        await page.GetByLabel("Legal status (optional)").SelectOptionAsync(new SelectOptionValue { Label = "refugee" });
        await page.GetByLabel("Document number (optional)").FillAsync("RF 220 114");
        await Expect(page.GetByText("No possible duplicates.")).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-register-no-duplicates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Mohammed {familyName}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Mohammed {familyName} is registered.");
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-registered");

        await page.GetByRole(AriaRole.Link, new() { Name = "Register another person" }).ClickAsync();
        await FillPersonAsync(page, "Muhammad", familyName, "1990-03-14");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This person may already be registered" })).ToBeVisibleAsync();
        var comparison = page.GetByRole(AriaRole.Region, new() { Name = "This person may already be registered" });
        await Expect(comparison.GetByRole(AriaRole.Cell, new() { Name = "Mohammed", Exact = true })).ToBeVisibleAsync();
        await Expect(comparison.GetByRole(AriaRole.Cell, new() { Name = "Muhammad", Exact = true })).ToBeVisibleAsync();
        await Expect(comparison.GetByRole(AriaRole.Link, new() { Name = $"Open Mohammed {familyName}'s record" })).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-duplicate-warning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register as a new person" }).ClickAsync();
        await Expect(page.GetByText("Say why this is a different person, or open the existing record.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Given name", new() { Exact = true })).ToHaveValueAsync("Muhammad");

        await page.GetByRole(AriaRole.Link, new() { Name = "Find a client" }).First.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Mohamed {familyName}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"Mohammed {familyName}" })).ToBeVisibleAsync();
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-search");
    });

    [Fact]
    public Task a_search_that_finds_nobody_at_the_desks_office_says_which_other_office_to_call_without_naming_the_person() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Gebremariam");
        using var bariDesk = await system.SignedInAsync("frontdesk", office: "bari");
        await bariDesk.RegisterAsync("Tsegay", familyName, "1987-06-16");
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Giulia Rossi");

        await page.GotoAsync("/clients");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Tsegay {familyName}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page.GetByText("Nobody found at your office.")).ToBeVisibleAsync();
        var elsewhere = page.GetByRole(AriaRole.Region, new() { Name = "The same name is registered at another office" });
        await Expect(elsewhere).ToContainTextAsync("born in 1987");
        await Expect(elsewhere).ToContainTextAsync("call bari");
        await Expect(elsewhere).Not.ToContainTextAsync(familyName);
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-search-elsewhere");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Tsegay {Gateway.UniqueName("Nobody")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("Nobody found. Check the spelling, or register the person.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Expect(page.GetByText("0 found")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task the_registration_form_keeps_what_was_typed_and_names_the_fields_the_api_refused_in_italian_on_a_phone() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(page, "Giulia Rossi", signInLabel: "Accedi come");
        await page.GotoAsync("/clients/new");

        await page.GetByLabel("Nome", new() { Exact = true }).FillAsync("Amina");
        await page.GetByLabel("Cognome", new() { Exact = true }).FillAsync(Gateway.UniqueName("Yusuf"));
        await page.GetByLabel("Data di nascita", new() { Exact = true }).FillAsync("1995-07-01");
        await page.GetByLabel("Cittadinanza", new() { Exact = true }).FillAsync("XX");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("amina-at-example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registra" }).ClickAsync();

        await Expect(page.GetByText("Alcuni campi vanno corretti: vedi i messaggi accanto.")).ToBeVisibleAsync();
        await Expect(page.Locator("#nationality-errors")).ToHaveTextAsync("Scegli un paese dall'elenco.");
        await Expect(page.Locator("#email-errors")).ToHaveTextAsync("Non è un indirizzo e-mail.");
        await Expect(page.GetByLabel("Nome", new() { Exact = true })).ToHaveValueAsync("Amina");
        await PortalBrowser.ScreenshotAsync(page, "frontdesk-register-phone-it-errors");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= PortalBrowser.Phone.Width, $"the page is {width}px wide on a {PortalBrowser.Phone.Width}px phone");
    });


    private static async Task FillPersonAsync(IPage page, string givenName, string familyName, string dateOfBirth)
    {
        await page.GetByLabel("Given name", new() { Exact = true }).FillAsync(givenName);
        await page.GetByLabel("Family name", new() { Exact = true }).FillAsync(familyName);
        await page.GetByLabel("Date of birth", new() { Exact = true }).FillAsync(dateOfBirth);
    }
}
