using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// How long the portal's screens take to be ready for work, through the gateway, in a real Chromium,
// on the system ./run.sh starts with its demo data. A screen is ready when its own heading is shown and
// nothing on it says "Loading…" any more: what a person waits for, not the first byte.
//
// The wait is read on the browser's clock: from the start of the navigation (or the click on the menu
// link) to the first animation frame in which the screen is ready, noted by a script in the page. The
// wall clock around the Playwright calls is printed beside it for a fresh load; it adds the round trips
// between this process, Playwright's driver and Chromium, which nobody in front of the screen waits for.
//
//   dotnet bench/PortalScreens/bin/Release/net10.0/PortalScreens.dll [--gateway http://localhost:8080] [--rounds 30]
//
// Each round opens every screen afresh (a full page load: the Blazor circuit is set up each time, the
// worst case) and then once more by following the menu link (an in-app navigation on a live circuit,
// how staff move through a day). The first two rounds warm the system up and are not counted.
var gateway = new Uri(Option("--gateway") ?? "http://localhost:8080");
var rounds = int.Parse(Option("--rounds") ?? "30", CultureInfo.InvariantCulture);
const int WarmUp = 2;

var executable = Environment.GetEnvironmentVariable("INTEGRATION_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = executable, Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
});

// Notes, on the page's own clock, when the screen named in sessionStorage first shows its heading with
// nothing loading: checked once per animation frame, so the time is that of the frame that paints it.
// A click on a link starts a new measure from the click.
const string ReadinessProbe = """
    (() => {
      window.__screen = { start: 0, readyAt: null };
      const check = () => {
        const screen = window.__screen;
        const heading = sessionStorage.getItem('bench.heading');
        if (screen.readyAt === null && heading !== null && document.body !== null
            && [...document.querySelectorAll('h1')].some(h1 => h1.textContent.includes(heading))
            && !document.body.innerText.includes('Loading…')) {
          screen.readyAt = performance.now();
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
      document.addEventListener('click', event => {
        if (event.target instanceof Element && event.target.closest('a') !== null) {
          window.__screen = { start: performance.now(), readyAt: null };
        }
      }, true);
    })();
    """;

async Task<IPage> SignedInAsync(string user)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = gateway.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "en-GB",
    });
    await context.AddInitScriptAsync(ReadinessProbe);
    var page = await context.NewPageAsync();
    await page.GotoAsync("/signin");
    await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Sign in as {Regex.Escape(user)} ") }).ClickAsync();
    await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = user }).WaitForAsync();
    return page;
}

var desk = await SignedInAsync("Giulia Rossi");
var worker = await SignedInAsync("Marco Bianchi");
var partner = await SignedInAsync("Casa della Carità");
var mediator = await SignedInAsync("Samira Benali");
var coordinator = await SignedInAsync("Elena Conti");

await worker.GotoAsync("/clients");
await worker.GetByLabel("Name", new() { Exact = true }).FillAsync("Amina Yusuf");
await worker.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
await worker.GetByRole(AriaRole.Link, new() { Name = "Amina Yusuf" }).First.ClickAsync();
await worker.WaitForURLAsync(new Regex("/clients/[0-9a-f-]{36}"));
var record = new Uri(worker.Url).AbsolutePath;

(string Screen, IPage Page, string Path, string Heading, string? MenuLink)[] screens =
[
    ("search (front desk)", desk, "/clients", "Find a client", "Find a client"),
    ("register (front desk)", desk, "/clients/new", "Register a client", "Register a client"),
    ("worklist (case worker)", worker, "/worklist", "Worklist", "Worklist"),
    ("client record (case worker)", worker, record, "Amina Yusuf", null),
    ("record: timeline tab", worker, $"{record}?tab=timeline", "Amina Yusuf", null),
    ("inbox (partner)", partner, "/inbox", "Referrals to your organisation", "Referrals inbox"),
    ("week (mediator)", mediator, "/bookings/mine", "My bookings", "My bookings"),
    ("dashboard (coordinator)", coordinator, "/dashboard", "Caseload", "Caseload dashboard"),
];

// The floor: the sign-in page is rendered on the server alone (no circuit, no API call behind it).
const string Baseline = "sign-in page (static, baseline)";
var anonymousContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString() });
await anonymousContext.AddInitScriptAsync(ReadinessProbe);
var anonymous = await anonymousContext.NewPageAsync();
await anonymous.GotoAsync("/signin");
var loads = screens.ToDictionary(screen => screen.Screen, _ => new List<double>());
loads[Baseline] = [];
var wallClock = new List<double>();
var navigations = screens.Where(screen => screen.MenuLink is not null).ToDictionary(screen => screen.Screen, _ => new List<double>());
for (var round = 0; round < WarmUp + rounds; round++)
{
    var counted = round >= WarmUp;
    var floor = await LoadAsync(anonymous, "/signin", "Sign in");
    if (counted)
    {
        loads[Baseline].Add(floor);
    }

    foreach (var (screen, page, path, heading, link) in screens)
    {
        var wall = Stopwatch.StartNew();
        var load = await LoadAsync(page, path, heading);
        wall.Stop();
        if (counted)
        {
            loads[screen].Add(load);
            wallClock.Add(wall.Elapsed.TotalMilliseconds);
        }

        if (link is not null)
        {
            await LoadAsync(page, "/", "");
            await ExpectAsync(page, heading);
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();
            var navigation = await ReadyAsync(page);
            if (counted)
            {
                navigations[screen].Add(navigation);
            }
        }
    }
}

Console.WriteLine($"Portal screens through {gateway}, {rounds} rounds after {WarmUp} warm-up rounds, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores");
Console.WriteLine("Milliseconds on the browser's clock, from the start of the navigation (or the menu click) to the frame that shows the screen ready.");
Console.WriteLine($"{"screen",-32} {"full load p50",14} {"p95",8} {"max",8}   {"menu link p50",14} {"p95",8} {"max",8}");
foreach (var screen in screens.Select(screen => screen.Screen).Append(Baseline))
{
    var full = loads[screen];
    var menu = navigations.GetValueOrDefault(screen);
    Console.WriteLine($"{screen,-32} {P(full, 0.5),14:F0} {P(full, 0.95),8:F0} {full.Max(),8:F0}   "
        + (menu is null ? "" : $"{P(menu, 0.5),14:F0} {P(menu, 0.95),8:F0} {menu.Max(),8:F0}"));
}

var all = loads.Where(load => load.Key != Baseline).SelectMany(load => load.Value).ToList();
var menus = navigations.Values.SelectMany(values => values).ToList();
Console.WriteLine($"{"all screens",-32} {P(all, 0.5),14:F0} {P(all, 0.95),8:F0} {all.Max(),8:F0}   {P(menus, 0.5),14:F0} {P(menus, 0.95),8:F0} {menus.Max(),8:F0}");
Console.WriteLine($"{"all screens, harness wall clock",-32} {P(wallClock, 0.5),14:F0} {P(wallClock, 0.95),8:F0} {wallClock.Max(),8:F0}");
return;

// Opens the address afresh and returns the browser's time from the navigation's start to the screen shown ready.
static async Task<double> LoadAsync(IPage page, string path, string heading)
{
    await ExpectAsync(page, heading);
    await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
    return await ReadyAsync(page);
}

static Task ExpectAsync(IPage page, string heading) =>
    page.EvaluateAsync("heading => sessionStorage.setItem('bench.heading', heading)", heading);

static async Task<double> ReadyAsync(IPage page)
{
    await page.WaitForFunctionAsync("() => window.__screen !== undefined && window.__screen.readyAt !== null");
    return await page.EvaluateAsync<double>("() => window.__screen.readyAt - window.__screen.start");
}

static double P(List<double> values, double quantile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
