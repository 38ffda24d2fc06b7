using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Bench;
using Npgsql;

// Drives registrations through the gateway and, in the same run, single-row JSON inserts straight
// into PostgreSQL at the same concurrency, and prints both and their ratio. See README, "Load driver".
var options = LoadOptions.Parse(args);
Console.WriteLine($"Load driver: {options.Count} operations per phase, concurrency {options.Concurrency}, warm-up {options.WarmUp}");

using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));

var registrations = await Phase.RunAsync("gateway: POST /api/intake/clients", options, async i =>
{
    using var response = await http.PostAsJsonAsync("/api/intake/clients", Registration.Sample(i));
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
});

await using var dataSource = await Baseline.PrepareAsync(options.Postgres);
var inserts = await Phase.RunAsync("baseline: INSERT jsonb row", options, i => Baseline.InsertAsync(dataSource, i));

Console.WriteLine();
Console.WriteLine(PhaseResult.Header);
Console.WriteLine(registrations);
Console.WriteLine(inserts);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio (gateway / baseline): throughput {registrations.Throughput / inserts.Throughput:0.000}, " +
    $"p50 latency {registrations.P50 / inserts.P50:0.0}x, p99 latency {registrations.P99 / inserts.P99:0.0}x"));

static async Task<string> TokenAsync(HttpClient http)
{
    using var response = await http.PostAsJsonAsync("/dev/token", new { sub = "load-driver", role = "frontdesk", office = "bench" });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

namespace Integration.Bench
{
    internal sealed record LoadOptions(Uri Gateway, int Count, int Concurrency, int WarmUp, string Postgres)
    {
        public static LoadOptions Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
                }

                values[args[i][2..]] = args[i + 1];
            }

            var postgres = values.GetValueOrDefault("postgres")
                ?? (Environment.GetEnvironmentVariable("INTEGRATION_POSTGRES") ?? "Host=localhost;Port=5432;Username=integration;Password=integration")
                + ";Database=integration_bench";
            return new LoadOptions(
                new Uri(values.GetValueOrDefault("gateway", "http://localhost:8080")),
                int.Parse(values.GetValueOrDefault("count", "2000"), CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("concurrency", "16"), CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("warmup", "100"), CultureInfo.InvariantCulture),
                postgres);
        }
    }

    internal static class Registration
    {
        private static readonly string[] GivenNames = ["Amina", "Oleksandr", "Mohammed", "Tigist", "Farida", "Yusuf", "Maryam", "Dawit"];
        private static readonly string[] FamilyNames = ["Yusuf", "Kovalenko", "Al-Hassan", "Haile", "Rahimi", "Osman", "Tesfaye", "Popescu"];

        public static object Sample(int i) => new
        {
            givenName = GivenNames[i % GivenNames.Length],
            familyName = $"{FamilyNames[i / GivenNames.Length % FamilyNames.Length]}-{i}",
            dateOfBirth = new DateOnly(1960, 1, 1).AddDays(i % 20000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    internal static class Baseline
    {
        /// <summary>Its own database and a fresh table each run: a primary key and a jsonb document, nothing else.</summary>
        public static async Task<NpgsqlDataSource> PrepareAsync(string connectionString)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
            await using (var adminSource = NpgsqlDataSource.Create(admin.ConnectionString))
            {
                await using var exists = adminSource.CreateCommand("select 1 from pg_database where datname = $1");
                exists.Parameters.AddWithValue(target.Database!);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = adminSource.CreateCommand($"create database \"{target.Database}\"");
                    await create.ExecuteNonQueryAsync();
                }
            }

            var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var table = dataSource.CreateCommand(
                "drop table if exists load_baseline; create table load_baseline (id uuid primary key, data jsonb not null)");
            await table.ExecuteNonQueryAsync();
            return dataSource;
        }

        public static async Task InsertAsync(NpgsqlDataSource dataSource, int i)
        {
            var id = Guid.CreateVersion7();
            var document = JsonSerializer.Serialize(new
            {
                clientId = id,
                registration = Registration.Sample(i),
                registeredBy = "load-driver",
                registeredAt = DateTimeOffset.UtcNow,
            });
            await using var insert = dataSource.CreateCommand("insert into load_baseline (id, data) values ($1, $2::jsonb)");
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(document);
            await insert.ExecuteNonQueryAsync();
        }
    }

    internal static class Phase
    {
        /// <summary>Runs a warm-up, then <c>Count</c> operations from <c>Concurrency</c> workers, timing each.</summary>
        public static async Task<PhaseResult> RunAsync(string name, LoadOptions options, Func<int, Task> operation)
        {
            Console.WriteLine($"{name}: warming up");
            for (var i = 0; i < options.WarmUp; i++)
            {
                await operation(options.Count + i);
            }

            Console.WriteLine($"{name}: measuring");
            var latencies = new double[options.Count];
            var next = -1;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < options.Count)
                {
                    var started = Stopwatch.GetTimestamp();
                    await operation(i);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }));
            wall.Stop();
            Array.Sort(latencies);
            return new PhaseResult(name, options.Count, wall.Elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
        }

        private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
    }

    internal sealed record PhaseResult(string Name, int Count, TimeSpan Elapsed, double P50, double P95, double P99)
    {
        public const string Header = "phase                                  ops   seconds    ops/s   p50 ms   p95 ms   p99 ms";

        public double Throughput => Count / Elapsed.TotalSeconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name,-36} {Count,6} {Elapsed.TotalSeconds,9:0.00} {Throughput,8:0.0} {P50,8:0.00} {P95,8:0.00} {P99,8:0.00}");
    }
}
