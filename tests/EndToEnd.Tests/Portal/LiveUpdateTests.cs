using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>Where someone waits, the screen changes by itself: a new referral appears in the partner's inbox, the partner's answer in the record.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class LiveUpdateTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task a_new_referral_appears_in_the_open_inbox_and_the_answer_in_the_open_record_without_a_reload() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        var named = Gateway.UniqueName("Tekle");
        var referred = await system.ReferredToNewPartnerAsync("Dal vivo ", "housing", ["Night shelter"], ("Ruta", named, "1990-01-01"));

        var partner = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(partner, referred.Organisation);
        await partner.GotoAsync("/inbox");
        await Expect(partner.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);

        var worker = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        await PortalBrowser.SignInAsync(worker, "Marco Bianchi");
        await worker.GotoAsync($"/clients/{referred.ClientId}?tab=needs");
        var referral = worker.Locator("p.referral").Filter(new() { HasText = "Night shelter" });
        await Expect(referral).ToContainTextAsync("sent");

        using (var caseworker = await system.SignedInAsync("caseworker", office: "milan-central"))
        {
            var second = Gateway.UniqueName("Tekle");
            var clientId = await caseworker.RegisterAsync("Selam", second, "1992-02-02");
            await caseworker.ConsentAsync(clientId, new
            {
                purpose = "referral", recipientOrganisationId = referred.OrganisationId, dataCategories = new[] { "identity" },
                lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow,
            });
            var needId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
                new { domain = "housing", priority = "high", description = "Nowhere to sleep" }), "needId");
            await caseworker.NeedAndConsentArrivedAsync(clientId);
            await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
                new { clientId, needId, serviceId = referred.ServiceIds[0], urgency = "high" }), "referralId");
            await Expect(partner.GetByRole(AriaRole.Article, new() { Name = $"Selam {second} · Night shelter" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(partner.GetByRole(AriaRole.Tab, new() { Name = "New (2)" })).ToBeVisibleAsync();
        }

        using (var staff = await system.SignedInAsync("partner", org: referred.OrganisationId))
        {
            using var accepted = await staff.PostAsync($"/api/referrals/referrals/{referred.ReferralId}/accept", content: null);
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }

        await Expect(referral).ToContainTextAsync("accepted", new() { Timeout = 15_000 });
        await PortalBrowser.AssertAccessibleAsync(partner, "the inbox after a referral arrived by itself");
    });
}
