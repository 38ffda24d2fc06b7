using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// How long the portal's screens take to be ready for work, through the gateway, in a real Chromium,
// on the system ./run.sh starts with its demo data. A screen is ready when its heading is shown and
// nothing on it says "Loading…" any more: what a person waits for, not the first byte.
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

async Task<IPage> SignedInAsync(string user)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = gateway.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "en-GB",
    });
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

(string Screen, IPage Page, string Path, string? MenuLink)[] screens =
[
    ("search (front desk)", desk, "/clients", "Find a client"),
    ("register (front desk)", desk, "/clients/new", "Register a client"),
    ("worklist (case worker)", worker, "/worklist", "Worklist"),
    ("client record (case worker)", worker, record, null),
    ("record: timeline tab", worker, $"{record}?tab=timeline", null),
    ("inbox (partner)", partner, "/inbox", "Referrals inbox"),
    ("week (mediator)", mediator, "/bookings/mine", "My bookings"),
    ("dashboard (coordinator)", coordinator, "/dashboard", "Caseload dashboard"),
];

// The floor: the sign-in page is rendered on the server alone (no circuit, no API call behind it).
const string Baseline = "sign-in page (static, baseline)";
var anonymous = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString() })).NewPageAsync();
var loads = screens.ToDictionary(screen => screen.Screen, _ => new List<double>());
loads[Baseline] = [];
var navigations = screens.Where(screen => screen.MenuLink is not null).ToDictionary(screen => screen.Screen, _ => new List<double>());
for (var round = 0; round < WarmUp + rounds; round++)
{
    var floor = Stopwatch.StartNew();
    await anonymous.GotoAsync("/signin");
    await anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
    floor.Stop();
    if (round >= WarmUp)
    {
        loads[Baseline].Add(floor.Elapsed.TotalMilliseconds);
    }

    foreach (var (screen, page, path, link) in screens)
    {
        var load = Stopwatch.StartNew();
        await page.GotoAsync(path);
        await ReadyAsync(page);
        load.Stop();
        if (link is not null)
        {
            await page.GotoAsync("/");
            await ReadyAsync(page);
            var navigation = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await ReadyAsync(page);
            navigation.Stop();
            if (round >= WarmUp)
            {
                navigations[screen].Add(navigation.Elapsed.TotalMilliseconds);
            }
        }

        if (round >= WarmUp)
        {
            loads[screen].Add(load.Elapsed.TotalMilliseconds);
        }
    }
}

Console.WriteLine($"Portal screens through {gateway}, {rounds} rounds after {WarmUp} warm-up rounds, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"screen",-30} {"full load p50",14} {"p95",8} {"max",8}   {"menu link p50",14} {"p95",8} {"max",8}");
foreach (var screen in screens.Select(screen => screen.Screen).Append(Baseline))
{
    var full = loads[screen];
    var menu = navigations.GetValueOrDefault(screen);
    Console.WriteLine($"{screen,-30} {P(full, 0.5),14:F0} {P(full, 0.95),8:F0} {full.Max(),8:F0}   "
        + (menu is null ? "" : $"{P(menu, 0.5),14:F0} {P(menu, 0.95),8:F0} {menu.Max(),8:F0}"));
}

var all = loads.Where(load => load.Key != Baseline).SelectMany(load => load.Value).ToList();
var menus = navigations.Values.SelectMany(values => values).ToList();
Console.WriteLine($"{"all screens",-30} {P(all, 0.5),14:F0} {P(all, 0.95),8:F0} {all.Max(),8:F0}   {P(menus, 0.5),14:F0} {P(menus, 0.95),8:F0} {menus.Max(),8:F0}");
return;

static async Task ReadyAsync(IPage page)
{
    await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
    await page.WaitForFunctionAsync("() => !document.body.innerText.includes('Loading…')");
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
