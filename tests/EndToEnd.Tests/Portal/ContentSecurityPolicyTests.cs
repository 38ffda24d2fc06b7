using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// The portal sends a Content-Security-Policy itself (through the gateway and reached directly), its
/// screens work under it without a single violation, and markup injected into a page cannot run script.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class ContentSecurityPolicyTests(RunningSystem system, PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [Fact]
    public Task the_screens_work_under_the_policy_and_injected_markup_runs_no_script() =>
        system.Portal.ExplainFailureAsync(async () =>
    {
        using var desk = await system.SignedInAsync("frontdesk", office: "milan-central");
        var clientId = await desk.RegisterAsync("Saba", Gateway.UniqueName("Tesfay"), "1991-09-09");
        var page = await browser.NewPageAsync(system.Gateway.Address, PortalBrowser.Desktop);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var signIn = await page.GotoAsync("/signin");
        Assert.Contains("script-src 'self'", await signIn!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await PortalBrowser.SignInAsync(page, "Elena Conti");
        await page.GotoAsync("/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync($"/clients/{clientId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        await Expect(page.Locator("ol.timeline > li").First).ToBeVisibleAsync();
        Assert.Empty(violations);

        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<img src=\"/none.png\" onerror=\"window.injected = true\">')");
        await Eventually.HoldsAsync(() => Task.FromResult(violations.Count > 0), "the browser reporting the blocked inline handler");
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.injected ?? null"));

        using var direct = new HttpClient { BaseAddress = system.Portal.Address };
        using var answer = await direct.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
    });
}
