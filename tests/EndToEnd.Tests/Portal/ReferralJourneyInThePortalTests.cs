using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// The closed loop as staff live it, in the browser: front desk, case worker, partner and
/// coordinator each signed in as themselves, through the gateway, against the real services.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class ReferralJourneyInThePortalTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_referral_goes_from_registration_through_the_partners_inbox_to_the_coordinators_dashboard_and_no_other_partner_sees_it() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var coordinatorApi = await system.SignedInAsync("coordinator");
        var organisation = Gateway.UniqueName("Casa Aperta ");
        var organisationId = await Gateway.CreatedIdAsync(coordinatorApi.PostAsJsonAsync("/api/referrals/organisations",
            new { name = organisation, description = "Emergency housing" }), "organisationId");
        await Gateway.CreatedIdAsync(coordinatorApi.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Emergency beds", category = "housing", languages = new[] { "ar", "fr" }, responseHours = 24 }), "serviceId");
        var otherOrganisation = Gateway.UniqueName("Altra Casa ");
        await Gateway.CreatedIdAsync(coordinatorApi.PostAsJsonAsync("/api/referrals/organisations",
            new { name = otherOrganisation, description = "Another partner" }), "organisationId");
        var familyName = Gateway.UniqueName("Benali");

        var desk = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(desk, "Giulia Rossi");
        await desk.GotoAsync("/clients/new");
        await desk.GetByLabel("Given name", new() { Exact = true }).FillAsync("Samira");
        await desk.GetByLabel("Family name", new() { Exact = true }).FillAsync(familyName);
        await desk.GetByLabel("Date of birth", new() { Exact = true }).FillAsync("1988-02-17");
        await desk.GetByLabel("Preferred language", new() { Exact = true }).FillAsync("Arabic");
        await desk.GetByLabel("Phone").FillAsync("+39 333 765 4321");
        await Expect(desk.GetByText("No possible duplicates.")).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = $"Samira {familyName}", Level = 1 })).ToBeVisibleAsync();
        var clientId = Guid.Parse(new Uri(desk.Url).AbsolutePath.Split('/')[^1]);
        await desk.GetByRole(AriaRole.Tab, new() { Name = "Consents" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await desk.GetByLabel("Who receives it: an organisation").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await desk.GetByLabel("contact details").CheckAsync();
        await PortalBrowser.ScreenshotAsync(desk, "journey-1-frontdesk-consent");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save consent" }).ClickAsync();
        await Expect(desk.GetByText("Shares: name and date of birth, contact details, languages, needs")).ToBeVisibleAsync();
        var consentForm = await desk.Context.RunAndWaitForPageAsync(() => desk.GetByRole(AriaRole.Link, new() { Name = "Print to sign" }).ClickAsync());
        await Expect(consentForm.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent to share personal data");
        await Expect(consentForm.Locator("body")).ToContainTextAsync(organisation);
        await PortalBrowser.AssertAccessibleAsync(consentForm, "the consent to sign");
        await consentForm.CloseAsync();

        var worker = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(worker, "Marco Bianchi");
        await worker.GotoAsync("/clients");
        await worker.GetByLabel("Name", new() { Exact = true }).FillAsync($"Samira {familyName}");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"Samira {familyName}" }).ClickAsync();
        await worker.GetByRole(AriaRole.Tab, new() { Name = "Needs and referrals" }).ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Add a need" }).ClickAsync();
        await worker.GetByLabel("Area").SelectOptionAsync(new SelectOptionValue { Label = "housing" });
        await worker.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = "urgent" });
        await worker.GetByLabel("Description").FillAsync("Sleeping at the station with two children");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Save need" }).ClickAsync();
        var need = worker.GetByRole(AriaRole.Article, new() { Name = "housing" });
        await Expect(need).ToContainTextAsync("Sleeping at the station with two children");
        using (var caseworkerApi = await system.SignedInAsync("caseworker", office: "milan-central"))
        {
            await caseworkerApi.NeedAndConsentArrivedAsync(clientId);
        }
        await need.GetByRole(AriaRole.Button, new() { Name = "Refer to a service" }).ClickAsync();
        await need.GetByLabel(new System.Text.RegularExpressions.Regex($"Emergency beds · {organisation}")).CheckAsync();
        await need.GetByLabel("Note for the partner").FillAsync("Two children, 4 and 7");
        await PortalBrowser.ScreenshotAsync(worker, "journey-2-caseworker-refer");
        await need.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Expect(need).ToContainTextAsync($"Referred to Emergency beds ({organisation}) · sent");
        await coordinatorApi.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Aziz Karimov", languages = new[] { new { code = "ky" } }, modes = new[] { "in_person" },
        });
        await worker.GetByRole(AriaRole.Tab, new() { Name = "Intercultural mediators" }).ClickAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Book a mediator" }).ClickAsync();
        await worker.GetByRole(AriaRole.Combobox, new() { Name = "Language", Exact = true }).FillAsync("Kyrgyz");
        await worker.GetByLabel("Day", new() { Exact = true }).FillAsync(DateTime.Now.Date.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await worker.GetByLabel("Time", new() { Exact = true }).FillAsync("10:00");
        await worker.GetByLabel("Where").FillAsync("Via Padova 36, Milano");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(worker.GetByText("Booked: Aziz Karimov will come.")).ToBeVisibleAsync();
        await Expect(worker.Locator("section[aria-labelledby=bookings-title] li")).ToContainTextAsync("Kyrgyz · in person · assigned · Aziz Karimov");
        await Expect(worker.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        await PortalBrowser.ScreenshotAsync(worker, "journey-2b-caseworker-record");

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(partner, organisation);
        await partner.GetByRole(AriaRole.Link, new() { Name = "Referrals inbox" }).First.ClickAsync();
        var card = partner.GetByRole(AriaRole.Article, new() { Name = $"Samira {familyName} · Emergency beds" });
        await Expect(card).ToContainTextAsync("+39 333 765 4321");
        await Expect(card).Not.ToContainTextAsync("Two children, 4 and 7");
        await PortalBrowser.ScreenshotAsync(partner, "journey-3-partner-inbox");
        await Expect(card).ToContainTextAsync("answer due");
        await card.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await partner.GetByRole(AriaRole.Tab, new() { Name = "In progress (1)" }).ClickAsync();
        await Expect(card).ToContainTextAsync("accepted");
        await Expect(card).Not.ToContainTextAsync("answer due");
        await card.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
        await card.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "service delivered" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Complete the referral" }).ClickAsync();
        await partner.GetByRole(AriaRole.Tab, new() { Name = "Closed (1)" }).ClickAsync();
        await Expect(card).ToContainTextAsync("completed");
        await Expect(card).ToContainTextAsync("from milan-central");
        await PortalBrowser.ScreenshotAsync(partner, "journey-4-partner-completed");

        using (var deskApi = await system.SignedInAsync("frontdesk"))
        {
            await Gateway.CreatedIdAsync(deskApi.PostAsJsonAsync("/api/mediators/bookings", new
            {
                language = "ln", start = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(9), durationMinutes = 30, mode = "phone",
            }), "bookingId");
        }

        var coordinator = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(coordinator, "Elena Conti");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Caseload dashboard" }).First.ClickAsync();
        var byOrganisation = coordinator.GetByRole(AriaRole.Region, new() { Name = "By organisation" });
        await Eventually.HoldsAsync(async () =>
        {
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            return await byOrganisation.GetByRole(AriaRole.Row, new() { Name = $"{organisation} 1" }).CountAsync() == 1
                && await coordinator.GetByRole(AriaRole.Region, new() { Name = "Unmet mediator requests by language" })
                    .GetByRole(AriaRole.Row, new() { Name = "Lingala 1" }).CountAsync() == 1
                && await coordinator.GetByRole(AriaRole.Region, new() { Name = "Needs recorded, by area" })
                    .GetByRole(AriaRole.Row, new() { NameRegex = new System.Text.RegularExpressions.Regex("^housing \\d+$") }).CountAsync() == 1;
        }, "the completed referral, the unfilled Lingala request and the desks' housing needs on the dashboard");
        // The desks' figures beside the referrals': the registration is counted (the whole system's, so at least it).
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "At the desks" })).ToBeVisibleAsync();
        Assert.True(long.Parse(await coordinator.Locator("#registrations").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await PortalBrowser.ScreenshotAsync(coordinator, "journey-5-coordinator-dashboard");
        var csv = await coordinator.Context.APIRequest.GetAsync("/download/caseload.csv?category=housing");
        Assert.Equal(200, csv.Status);
        var spreadsheet = await csv.TextAsync();
        Assert.Contains(organisation, spreadsheet, StringComparison.Ordinal);
        Assert.StartsWith("Counted by,Code,Name,Referrals,sent,", spreadsheet, StringComparison.Ordinal);
        var badFilter = await coordinator.Context.APIRequest.GetAsync("/download/caseload.csv?category=castles");
        Assert.Equal(400, badFilter.Status);

        var stranger = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone);
        await PortalBrowser.SignInAsync(stranger, otherOrganisation);
        await stranger.GotoAsync("/inbox");
        await Expect(stranger.GetByText("No referrals yet.")).ToBeVisibleAsync();
        await Expect(stranger.GetByText(familyName)).ToHaveCountAsync(0);
        await PortalBrowser.ScreenshotAsync(stranger, "journey-6-other-partner-inbox-phone");

        await desk.ReloadAsync();
        await desk.GetByRole(AriaRole.Tab, new() { Name = "Consents" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Withdraw", Exact = true }).ClickAsync();
        await desk.GetByLabel("Reason").FillAsync("Prefers to be contacted by the one-stop-shop only");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Withdraw the consent" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Listitem).Filter(new() { HasText = organisation })).ToContainTextAsync("withdrawn");
    });
}
