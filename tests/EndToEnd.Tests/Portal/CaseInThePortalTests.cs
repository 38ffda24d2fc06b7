using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// The case in the browser: a household formed and a child registered into it from the record, an
/// integration plan drafted, agreed, printed, reviewed and an action done, a note, the timeline, and
/// the worklist as the start page; in English and in Italian, each screen checked with axe.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class CaseInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_case_worker_forms_the_household_agrees_prints_and_reviews_a_plan_and_finds_the_review_on_the_worklist() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Haile");
        var referred = await system.ReferredToNewPartnerAsync("Casa ", "housing", ["Family shelter"], ("Selam", familyName, "1989-03-14"));
        var clientId = referred.ClientId;
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Marco Bianchi");
        await page.GotoAsync($"/clients/{clientId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Selam {familyName}", Level = 1 })).ToBeVisibleAsync();

        var household = page.GetByRole(AriaRole.Region, new() { Name = "Household" });
        await household.GetByRole(AriaRole.Button, new() { Name = "Start a household with this person as head" }).ClickAsync();
        await Expect(household.GetByRole(AriaRole.Table)).ToContainTextAsync("head of household");
        await household.GetByRole(AriaRole.Button, new() { Name = "Add a family member" }).ClickAsync();
        var register = household.GetByRole(AriaRole.Form, new() { Name = "Not registered yet: register and add" });
        await Expect(register.GetByLabel("Family name", new() { Exact = true })).ToHaveValueAsync(familyName);
        await register.GetByRole(AriaRole.Button, new() { Name = "Register and add to the household" }).ClickAsync();
        await Expect(household.Locator("#member-given-errors")).ToContainTextAsync("This field is required.");
        await register.GetByLabel("Given name", new() { Exact = true }).FillAsync("Yonatan");
        await register.GetByLabel("Date of birth", new() { Exact = true }).FillAsync(Day(-365 * 8 - 2));
        await household.GetByLabel("Relationship", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "child" });
        await register.GetByRole(AriaRole.Button, new() { Name = "Register and add to the household" }).ClickAsync();
        await Expect(household.GetByRole(AriaRole.Table)).ToContainTextAsync($"Yonatan {familyName}");
        await Expect(household.GetByRole(AriaRole.Table)).ToContainTextAsync("8 years");
        await PortalBrowser.AssertAccessibleAsync(page, "the household panel");
        await PortalBrowser.ScreenshotAsync(page, "case-1-household");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Integration plans" }).ClickAsync();
        var plans = page.GetByRole(AriaRole.Region, new() { Name = "Integration plans" });
        await plans.GetByRole(AriaRole.Button, new() { Name = "Draft a plan" }).ClickAsync();
        var draft = plans.GetByRole(AriaRole.Form, new() { Name = "Draft a plan" });
        await draft.GetByLabel("Ends on (at most 12 months later)").FillAsync(Day(400));
        await draft.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(draft.Locator("#new-plan-ends-errors")).ToContainTextAsync("at most 12 months");
        await Expect(draft.Locator("#new-plan-goal-0-description-errors")).ToContainTextAsync("This field is required.");
        await draft.GetByLabel("Ends on (at most 12 months later)").FillAsync(Day(180));
        await draft.GetByLabel("Area").SelectOptionAsync(new SelectOptionValue { Label = "housing" });
        await draft.GetByLabel("What the person wants to achieve").FillAsync("A flat for the family");
        await draft.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await draft.GetByLabel("What is to be done").FillAsync("Bring the payslips");
        await draft.GetByLabel("By", new() { Exact = true }).FillAsync(Day(3));
        await draft.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        var plan = plans.GetByRole(AriaRole.Article);
        await Expect(plan.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("draft");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Record the agreement" }).ClickAsync();
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save the agreement" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("A plan is agreed only when the person has signed it.");
        await Expect(plan).ToContainTextAsync("The language the plan was explained in");
        await plan.GetByLabel("Explained in (language)").FillAsync("ti");
        await plan.GetByLabel("The person has signed the plan").CheckAsync();
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save the agreement" }).ClickAsync();
        await Expect(plan.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("agreed");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Review the plan" }).ClickAsync();
        await plan.GetByLabel("Progress").SelectOptionAsync(new SelectOptionValue { Label = "in progress" });
        await plan.GetByLabel("Next review on (optional)").FillAsync(Day(5));
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("Last reviewed on");
        await Expect(plan).ToContainTextAsync("A flat for the family · in progress");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Mark as done Bring the payslips" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("done on");
        await PortalBrowser.AssertAccessibleAsync(page, "the plan tab");
        await PortalBrowser.ScreenshotAsync(page, "case-2-plan");

        var print = await page.Context.NewPageAsync();
        await print.GotoAsync(await plan.GetByRole(AriaRole.Link, new() { Name = "Print the agreement (English)" }).GetAttributeAsync("href") ?? "");
        await Expect(print.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Individual integration plan");
        await Expect(print.Locator("body")).ToContainTextAsync($"Selam {familyName}");
        await Expect(print.Locator("body")).ToContainTextAsync("The person commits to");
        await PortalBrowser.AssertAccessibleAsync(print, "the printable agreement");
        await print.CloseAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        var notes = page.GetByRole(AriaRole.Region, new() { Name = "Case notes" });
        await notes.GetByLabel("New note (seen by case workers and coordinators, never by partners)").FillAsync("Worried about the winter.");
        await notes.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(notes).ToContainTextAsync("Marco Bianchi");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline).ToContainTextAsync("Case note: Worried about the winter.");
        await Expect(timeline).ToContainTextAsync("Integration plan version 1 agreed");

        await page.GotoAsync("/");
        var worklist = page.GetByRole(AriaRole.Region, new() { Name = "Worklist" });
        await worklist.GetByLabel("Show").SelectOptionAsync(new SelectOptionValue { Label = "plan review due" });
        await Expect(worklist.GetByRole(AriaRole.Link, new() { Name = $"Selam {familyName}" })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(page, "the worklist");
        await PortalBrowser.ScreenshotAsync(page, "case-3-worklist");
        await worklist.GetByRole(AriaRole.Link, new() { Name = $"Selam {familyName}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Selam {familyName}", Level = 1 })).ToBeVisibleAsync();

        // The sign-out form carries the portal's antiforgery token, so signing out from the portal itself works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    });

    [Fact]
    public Task the_household_panel_the_plan_tab_its_print_view_and_the_worklist_speak_italian() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Tesfaye");
        var referred = await system.ReferredToNewPartnerAsync("Casa ", "housing", ["Family shelter"], ("Hana", familyName, "1992-08-01"));
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central", name: "Marco Bianchi");
        var child = await worker.RegisterAsync("Abel", familyName, Day(-365 * 17 - 300));
        await Gateway.CreatedIdAsync(worker.PostAsJsonAsync("/api/intake/households", new
        {
            members = new object[] { new { clientId = referred.ClientId, relationship = "head" }, new { clientId = child, relationship = "child" } },
        }), "householdId");
        var planId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/intake/clients/{referred.ClientId}/plans", new
        {
            startsOn = Day(0), endsOn = Day(200),
            goals = new[] { new { domain = "employment", description = "Un lavoro stabile" } },
            actions = new[] { new { goal = 0, description = "Iscriversi al centro per l'impiego", responsible = new { kind = "client" }, dueOn = Day(2) } },
        }), "planId");
        using (var agreed = await worker.PostAsJsonAsync($"/api/intake/clients/{referred.ClientId}/plans/{planId}/agree",
            new { agreedOn = Day(0), language = "ti", signedByClient = true }))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, agreed.StatusCode);
        }

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop, locale: "it-IT");
        await PortalBrowser.SignInAsync(page, "Marco Bianchi", signInLabel: "Accedi come");
        await page.GotoAsync($"/clients/{referred.ClientId}");
        var household = page.GetByRole(AriaRole.Region, new() { Name = "Nucleo familiare" });
        await Expect(household.GetByRole(AriaRole.Table)).ToContainTextAsync("figlio/a");
        await Expect(household.GetByRole(AriaRole.Alert)).ToContainTextAsync("compie 18 anni entro 90 giorni");
        await PortalBrowser.AssertAccessibleAsync(page, "the household panel in Italian");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Piani di integrazione" }).ClickAsync();
        var plans = page.GetByRole(AriaRole.Region, new() { Name = "Piani di integrazione" });
        await Expect(plans.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("concordato");
        await Expect(plans).ToContainTextAsync("lavoro: Un lavoro stabile");
        await PortalBrowser.AssertAccessibleAsync(page, "the plan tab in Italian");
        await PortalBrowser.ScreenshotAsync(page, "case-4-record-it");

        var print = await page.Context.NewPageAsync();
        await print.GotoAsync(await plans.GetByRole(AriaRole.Link, new() { Name = "Stampa l'accordo (italiano)" }).GetAttributeAsync("href") ?? "");
        await Expect(print.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Piano individuale di integrazione");
        await Expect(print.Locator("body")).ToContainTextAsync("Concordato il");
        await Expect(print.Locator("body")).ToContainTextAsync("spiegato in tigrino");
        await PortalBrowser.AssertAccessibleAsync(print, "the printable agreement in Italian");
        await print.CloseAsync();

        await page.GotoAsync("/worklist");
        var worklist = page.GetByRole(AriaRole.Region, new() { Name = "Da fare" });
        await worklist.GetByLabel("Mostra").SelectOptionAsync(new SelectOptionValue { Label = "azione del piano" });
        await Expect(worklist.GetByRole(AriaRole.Link, new() { Name = $"Hana {familyName}" })).ToBeVisibleAsync();
        await Expect(worklist.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Hana {familyName}" }))
            .ToContainTextAsync("Iscriversi al centro per l'impiego");
        await Expect(worklist).Not.ToContainTextAsync("Plan action due");
        await worklist.GetByLabel("Mostra").SelectOptionAsync(new SelectOptionValue { Label = "compie 18 anni" });
        await Expect(worklist.GetByRole(AriaRole.Link, new() { Name = $"Abel {familyName}" })).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(page, "the worklist in Italian");
    });

    [Fact]
    public Task a_coordinator_assigns_the_case_and_transfers_it_to_florence_where_its_case_worker_finds_it() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var familyName = Gateway.UniqueName("Kovalenko");
        var referred = await system.ReferredToNewPartnerAsync("Casa ", "housing", ["Family shelter"], ("Iryna", familyName, "1975-06-21"));
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, "Elena Conti");
        await page.GotoAsync($"/clients/{referred.ClientId}");
        var profile = page.GetByRole(AriaRole.Region, new() { Name = "Profile" });

        await profile.GetByRole(AriaRole.Button, new() { Name = "Assign the case" }).ClickAsync();
        var assign = profile.GetByRole(AriaRole.Form, new() { Name = "Assign the case" });
        await assign.GetByLabel("Case worker's account").FillAsync("cw-milan");
        await assign.GetByRole(AriaRole.Button, new() { Name = "Assign the case" }).ClickAsync();
        await Expect(profile.Locator("#assign-name-errors")).ToContainTextAsync("This field is required.");
        await assign.GetByLabel("Case worker's name").FillAsync("Marco Bianchi");
        await assign.GetByRole(AriaRole.Button, new() { Name = "Assign the case" }).ClickAsync();
        await Expect(profile).ToContainTextAsync("Marco Bianchi");

        await profile.GetByRole(AriaRole.Button, new() { Name = "Transfer to another office" }).ClickAsync();
        var transfer = profile.GetByRole(AriaRole.Form, new() { Name = "Transfer to another office" });
        await transfer.GetByLabel("To the office").SelectOptionAsync("florence");
        await transfer.GetByRole(AriaRole.Button, new() { Name = "Transfer to another office" }).ClickAsync();
        await Expect(profile.Locator("#transfer-reason-errors")).ToContainTextAsync("This field is required.");
        await transfer.GetByLabel("Reason").FillAsync("Moved to her sister in Florence");
        await PortalBrowser.AssertAccessibleAsync(page, "the coordinator's case actions");
        await transfer.GetByRole(AriaRole.Button, new() { Name = "Transfer to another office" }).ClickAsync();
        await Expect(profile).ToContainTextAsync("florence");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline).ToContainTextAsync("Case transferred from milan-central to florence: Moved to her sister in Florence");

        var florence = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(florence, "Chiara Neri");
        await florence.GotoAsync($"/clients/{referred.ClientId}");
        await Expect(florence.GetByRole(AriaRole.Heading, new() { Name = $"Iryna {familyName}", Level = 1 })).ToBeVisibleAsync();
    });

    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.Today).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
