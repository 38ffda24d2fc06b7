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
    private static readonly string[] Downstream = ["referrals", "mediators"];
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

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

        var stores = Downstream.ToDictionary(service => service, service => NpgsqlDataSource.Create($"{options.Postgres};Database=integration_{service}"));
        await using var intake = NpgsqlDataSource.Create($"{options.Postgres};Database=integration_intake");
        Guid[] everyone = [.. idle, .. burst];
        try
        {
            await ArrivedAsync(stores, everyone);
            var drain = wall.Elapsed - burstEnded;
            var registeredAt = await RegisteredAtAsync(intake, everyone);

            Console.WriteLine();
            Console.WriteLine("event → downstream read model (ms)                count   p50 ms   p95 ms   p99 ms   max ms");
            foreach (var service in Downstream)
            {
                var arrivedAt = await ArrivedAtAsync(stores[service], service, everyone);
                Print($"idle, {service}", [.. idle], registeredAt, arrivedAt);
                Print($"burst (concurrency {options.Concurrency}), {service}", [.. burst], registeredAt, arrivedAt);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"burst: {burst.Count} registrations in {burstEnded.TotalSeconds:0.0} s ({burst.Count / burstEnded.TotalSeconds:0} /s); " +
                $"all had reached both services {drain.TotalSeconds:0.00} s after it ended (checked every 100 ms)"));
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static async Task<Guid> RegisterAsync(HttpClient http, Random random)
    {
        using var response = await http.PostAsJsonAsync("/api/intake/clients", GatewayScenario.Body(Names.Sample(random)));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
    }

    /// <summary>Waits until every service holds a reference for every client.</summary>
    private static async Task ArrivedAsync(Dictionary<string, NpgsqlDataSource> stores, Guid[] clientIds)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var (service, store) in stores)
        {
            while (true)
            {
                await using var count = store.CreateCommand($"select count(*) from {service}.mt_doc_clientreference where id = any($1)");
                count.Parameters.AddWithValue(clientIds);
                var held = (long)(await count.ExecuteScalarAsync())!;
                if (held == clientIds.Length)
                {
                    break;
                }

                if (deadline.Elapsed > GiveUpAfter)
                {
                    throw new TimeoutException($"{service} holds {held} of {clientIds.Length} registrations after {GiveUpAfter.TotalMinutes} minutes.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static Task<Dictionary<Guid, DateTime>> RegisteredAtAsync(NpgsqlDataSource intake, Guid[] clientIds) => TimesAsync(intake,
        "select stream_id, timestamp from intake.mt_events where type = 'client_registered' and stream_id = any($1)", clientIds);

    private static Task<Dictionary<Guid, DateTime>> ArrivedAtAsync(NpgsqlDataSource store, string service, Guid[] clientIds) => TimesAsync(store,
        $"select id, mt_last_modified from {service}.mt_doc_clientreference where id = any($1)", clientIds);

    private static async Task<Dictionary<Guid, DateTime>> TimesAsync(NpgsqlDataSource store, string sql, Guid[] clientIds)
    {
        await using var command = store.CreateCommand(sql);
        command.Parameters.AddWithValue(clientIds);
        await using var reader = await command.ExecuteReaderAsync();
        var times = new Dictionary<Guid, DateTime>();
        while (await reader.ReadAsync())
        {
            times[reader.GetGuid(0)] = reader.GetFieldValue<DateTime>(1);
        }

        return times;
    }

    private static void Print(string name, Guid[] clientIds, Dictionary<Guid, DateTime> registeredAt, Dictionary<Guid, DateTime> arrivedAt)
    {
        var sorted = clientIds.Select(id => (arrivedAt[id] - registeredAt[id]).TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} {sorted.Length,6} {Percentile(sorted, 0.50),8:0.0} {Percentile(sorted, 0.95),8:0.0} {Percentile(sorted, 0.99),8:0.0} {sorted[^1],8:0.0}"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
