using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.EndToEnd.Tests.Portal;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: <c>INTEGRATION_CHROMIUM</c> (set by test.sh)
/// or <c>/usr/bin/chromium</c>. The flags keep it off the network it cannot reach here.
/// </summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Where screenshots go: a test artifact beside the TRX files.</summary>
    public static string ScreenshotFolder { get; } = Repository.PathTo("TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("INTEGRATION_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {executable}: run 'apt-get install -y chromium' (test.sh does) or set INTEGRATION_CHROMIUM.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Flags });
    }

    /// <summary>A fresh browser profile (no cookies) at <paramref name="viewport"/>, opening pages on <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, ViewportSize viewport, string locale = "en-GB")
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = viewport, Locale = locale,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    /// <summary>Signs in as a demo user through the development sign-in page (<paramref name="signInLabel"/> in the page's language).</summary>
    public static async Task SignInAsync(IPage page, string user, string signInLabel = "Sign in as")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(signInLabel)} {Regex.Escape(user)} ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(user);
    }

    /// <summary>
    /// Runs axe-core on the page as it is and fails on any WCAG 2.1 A or AA violation, naming each
    /// rule and the elements breaking it.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        ArgumentNullException.ThrowIfNull(page);
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        };
        var result = await page.RunAxe(options);
        var violations = result.Violations.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"{screen} has accessibility violations:\n{string.Join("\n", violations)}");
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {screen}");
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
