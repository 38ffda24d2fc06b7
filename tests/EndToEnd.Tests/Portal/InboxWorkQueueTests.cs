using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>The partner's inbox as a work queue: searched by a name only where consent shares it, filtered by service, compact cards that open.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class InboxWorkQueueTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_partner_finds_a_referral_by_the_name_consent_shares_narrows_by_service_and_opens_a_compact_card() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var named = Gateway.UniqueName("Gebre");
        var referred = await system.ReferredToNewPartnerAsync("Coda ", "housing", ["Shelter", "Flat search"], ("Hiwet", named, "1994-04-04"));
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        var unnamed = Gateway.UniqueName("Haile");
        var clientId = await worker.RegisterAsync("Senait", unnamed, "1996-06-06");
        using (var languages = await worker.PutAsJsonAsync($"/api/intake/clients/{clientId}/languages",
            new { languages = new[] { new { code = "ti", proficiency = "native" } }, preferredLanguage = "ti", interpreterRequired = true }))
        {
            Assert.True(languages.IsSuccessStatusCode, await languages.Content.ReadAsStringAsync());
        }

        await worker.ConsentAsync(clientId, new
        {
            purpose = "referral", recipientOrganisationId = referred.OrganisationId, dataCategories = new[] { "contact", "language" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow,
        });
        var needId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "housing", priority = "urgent", description = "Evicted" }), "needId");
        await worker.NeedAndConsentArrivedAsync(clientId);
        await Gateway.CreatedIdAsync(worker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId = referred.ServiceIds[1], urgency = "urgent" }), "referralId");

        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(page, referred.Organisation);
        await page.GetByRole(AriaRole.Link, new() { Name = "Referrals inbox" }).First.ClickAsync();
        await Expect(page.GetByLabel("Client or service name")).ToBeFocusedAsync();
        var cards = page.GetByRole(AriaRole.Article);
        await Expect(cards).ToHaveCountAsync(2);
        var withoutName = cards.Filter(new() { HasText = "Flat search" });
        await Expect(withoutName).ToContainTextAsync("Needs an interpreter · Tigrinya");
        await Expect(withoutName).ToContainTextAsync("sent by");
        await Expect(withoutName).Not.ToContainTextAsync(unnamed);

        await page.GetByLabel("Client or service name").FillAsync(named);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards).ToHaveAttributeAsync("aria-label", $"Hiwet {named} · Shelter");
        await page.GetByLabel("Client or service name").FillAsync(unnamed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("No referral matches what you chose.")).ToBeVisibleAsync();

        await page.GetByLabel("Client or service name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Flat search" });
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards).ToContainTextAsync("Flat search");
        var details = cards.GetByRole(AriaRole.Button, new() { Name = "Details" });
        await Expect(details).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(cards.GetByText("Shared under the client's consent")).ToBeHiddenAsync();
        await details.ClickAsync();
        await Expect(details).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(cards.GetByText("Shared under the client's consent")).ToBeVisibleAsync();
        await PortalBrowser.AssertAccessibleAsync(page, "the inbox filtered by service with a card open");
        await PortalBrowser.ScreenshotAsync(page, "inbox-work-queue");

        var phone = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Phone, locale: "it-IT");
        await PortalBrowser.SignInAsync(phone, referred.Organisation, signInLabel: "Accedi come");
        await phone.GotoAsync("/inbox");
        await phone.GetByLabel("Nome della persona o del servizio").FillAsync(named);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
        await PortalBrowser.AssertAccessibleAsync(phone, "the inbox searched, in Italian on a phone");
        await PortalBrowser.ScreenshotAsync(phone, "inbox-search-phone-it");
    });
}
