using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// How long a registration takes to reach the other services' read models, on the system started by
/// ./run.sh: registrations through the gateway at idle (one every 100 ms), then a burst at
/// <c>--concurrency</c> for <c>--seconds</c>. Each delay is read from PostgreSQL afterwards, without
/// polling the system under test: from the <c>client_registered</c> event's timestamp in intake's store
/// to the last write of the person's reference in referrals' and mediators' stores (one server, one
/// clock). Also prints how long after the burst ended its last registration arrived.
/// </summary>
internal static class PropagationScenario
{
    public static async Task RunAsync(LoadOptions options)
    {
        using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GatewayScenario.TokenAsync(http, "caseworker"));
        var random = new Random(11);

        Console.WriteLine($"propagation: warming up ({options.WarmUp}), then {options.Int("probes", 200)} registrations at idle");
        for (var i = 0; i < options.WarmUp; i++)
        {
            await RegisterAsync(http, random);
        }

        var idle = new List<Guid>();
        for (var i = 0; i < options.Int("probes", 200); i++)
        {
            idle.Add(await RegisterAsync(http, random));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var seconds = options.Int("seconds", 10);
        Console.WriteLine($"propagation: a burst of registrations at concurrency {options.Concurrency} for {seconds} s");
        var wall = Stopwatch.StartNew();
        var burst = new ConcurrentQueue<Guid>();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            var own = new Random(worker);
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                burst.Enqueue(await RegisterAsync(http, own));
            }
        }));
        var burstEnded = wall.Elapsed;

        var drain = await Downstream.PrintDelaysAsync(options, new Dictionary<string, Guid[]>
        {
            ["idle"] = [.. idle],
            [$"burst (concurrency {options.Concurrency})"] = [.. burst],
        });
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: {burst.Count} registrations in {burstEnded.TotalSeconds:0.0} s ({burst.Count / burstEnded.TotalSeconds:0} /s); " +
            $"all had reached both services {drain.TotalSeconds:0.00} s after it ended (checked every 100 ms)"));
    }

    private static Task<Guid> RegisterAsync(HttpClient http, Random random) => GatewayScenario.RegisterAsync(http, GatewayScenario.Body(Names.Sample(random)));
}
