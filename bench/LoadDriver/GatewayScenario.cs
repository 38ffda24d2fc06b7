using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// Registrations through the gateway of the system started by ./run.sh, measured against what PostgreSQL
/// itself sustains on the same machine in the same run: first, while the system is quiet, single-row
/// inserts of a registration-sized JSON document (by <c>pgbench</c> when it is on the PATH, prepared, at
/// the same concurrency; and by this process, prepared and pooled), then the registrations, then how long
/// those registrations took to reach the other services' read models (read from PostgreSQL afterwards).
/// </summary>
internal static class GatewayScenario
{
    public static async Task RunAsync(LoadOptions options)
    {
        using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "frontdesk"));
        var random = new Random(7);
        var lookAlikes = options.Values.GetValueOrDefault("people", "unique") == "look-alikes";
        // Numbered from a start of its own, so that the next run's people are new too.
        var firstNumber = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        var people = Enumerable.Range(0, options.Count + options.WarmUp)
            .Select(i => lookAlikes ? Names.Sample(random) : Names.Unique(random, firstNumber + i))
            .ToArray();
        var bodies = people.Select(Body).ToArray();

        var baselineDatabase = options.Postgres + ";Database=integration_bench";
        await using var dataSource = await PrepareBaselineAsync(baselineDatabase);
        var pgbench = await PgBench.RunAsync(baselineDatabase, Document(bodies[0]), options.Concurrency, options.Int("seconds", 10));
        var inserts = await Phase.RunAsync("baseline: prepared INSERT jsonb row", options.Count, options.Concurrency, options.WarmUp,
            i => InsertAsync(dataSource, bodies[i]));

        var registered = new Guid[options.Count + options.WarmUp];
        var cpuBefore = ProcessCpu.Snapshot();
        var registrations = await Phase.RunAsync(
            $"gateway: POST /api/intake/clients ({(lookAlikes ? "look-alikes" : "unique people")})",
            options.Count, options.Concurrency, options.WarmUp, async i => registered[i] = await RegisterAsync(http, bodies[i]));

        Phase.Print(inserts, registrations);
        Console.WriteLine();
        var limit = pgbench?.TransactionsPerSecond ?? inserts.Throughput;
        if (pgbench is { } measured)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pgbench (prepared, {options.Concurrency} clients, {options.Int("seconds", 10)} s): {measured.TransactionsPerSecond:0} inserts/s, " +
                $"average latency {measured.AverageLatencyMs:0.00} ms"));
        }
        else
        {
            Console.WriteLine("pgbench is not on the PATH: the ratio is taken against this process's prepared inserts.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (registrations / {(pgbench is null ? "prepared inserts" : "pgbench")}): throughput {registrations.Throughput / limit:0.000}"));
        await Downstream.PrintDelaysAsync(options, new Dictionary<string, Guid[]>
        {
            [$"registrations at concurrency {options.Concurrency}"] = registered[..options.Count],
        });
        ProcessCpu.Print(cpuBefore, ProcessCpu.Snapshot(), options.Count + options.WarmUp, "registration",
            "from the first registration until the last reached both services");
        await AtHalfTheMaximumAsync(options, http, registrations.Throughput / 2, firstNumber + people.Length);
    }

    /// <summary>
    /// Registrations arriving at a steady rate, half of what the saturated run reached unless <c>--rate</c> says
    /// otherwise, for <c>--paced-seconds</c> (20): how long each took, and how long each took to reach the other
    /// services while the system was loaded but not saturated.
    /// </summary>
    private static async Task AtHalfTheMaximumAsync(LoadOptions options, HttpClient http, double halfTheMaximum, long firstNumber)
    {
        var rate = options.Values.TryGetValue("rate", out var given) ? double.Parse(given, CultureInfo.InvariantCulture) : halfTheMaximum;
        var count = (int)Math.Ceiling(rate * options.Int("paced-seconds", 20));
        var random = new Random(11);
        var bodies = Enumerable.Range(0, count).Select(i => Body(Names.Unique(random, firstNumber + i))).ToArray();
        var registered = new Guid[count];
        var paced = await Phase.RunPacedAsync("gateway: POST /api/intake/clients (steady arrivals)", count, rate,
            async i => registered[i] = await RegisterAsync(http, bodies[i]));
        Phase.Print(paced);
        await Downstream.PrintDelaysAsync(options, new Dictionary<string, Guid[]>
        {
            [string.Create(CultureInfo.InvariantCulture, $"registrations arriving at {rate:0.#}/s")] = registered,
        });
    }

    /// <summary>A registration that always goes through: any duplicates found are overridden, as a desk would after checking.</summary>
    public static object Body(Registration registration) => new
    {
        givenName = registration.GivenName,
        familyName = registration.FamilyName,
        dateOfBirth = registration.Born,
        dateOfBirthIsApproximate = registration.Approximate,
        nationalities = new[] { registration.Nationality },
        duplicateCheckOverride = new { reason = "load test" },
    };

    public static async Task<Guid> RegisterAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/intake/clients", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
    }

    /// <summary>A development token from the gateway for one of the bench office's staff.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string role)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { sub = "load-driver", role, office = "bench" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Its own database and a fresh table each run: a primary key and a jsonb document, nothing else.</summary>
    private static async Task<NpgsqlDataSource> PrepareBaselineAsync(string connectionString)
    {
        await Databases.EnsureExistsAsync(connectionString);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 4 }.ConnectionString);
        await using var table = dataSource.CreateCommand(
            "drop table if exists load_baseline; create table load_baseline (id uuid primary key, data jsonb not null)");
        await table.ExecuteNonQueryAsync();
        return dataSource;
    }

    /// <summary>What intake stores of a registration, about 400 bytes.</summary>
    private static string Document(object body) => JsonSerializer.Serialize(
        new { clientId = Guid.CreateVersion7(), registration = body, registeredBy = "load-driver", office = "bench", registeredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });

    private static async Task InsertAsync(NpgsqlDataSource dataSource, object body)
    {
        await using var insert = dataSource.CreateCommand("insert into load_baseline (id, data) values ($1, $2::jsonb)");
        insert.Parameters.AddWithValue(Guid.CreateVersion7());
        insert.Parameters.AddWithValue(Document(body));
        await insert.ExecuteNonQueryAsync();
    }
}

/// <summary>PostgreSQL's own benchmark tool inserting the same document, when it is installed.</summary>
internal static class PgBench
{
    public sealed record Result(double TransactionsPerSecond, double AverageLatencyMs);

    public static async Task<Result?> RunAsync(string connectionString, string document, int clients, int seconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.GetTempFileName();
        // pgbench reads ":name" as a variable, so the document's separators get a space.
        await File.WriteAllTextAsync(script,
            $"insert into load_baseline (id, data) values (gen_random_uuid(), '{document.Replace("\":", "\": ", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'::jsonb)");
        var start = new ProcessStartInfo("pgbench")
        {
            ArgumentList =
            {
                "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!,
            },
            Environment = { ["PGPASSWORD"] = connection.Password ?? "" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Console.WriteLine($"baseline: pgbench, {clients} clients for {seconds} s");
        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0
                ? new Result(Number(output, "tps = "), Number(output, "latency average = "))
                : throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double Number(string output, string label)
    {
        var line = output.Split('\n').First(line => line.StartsWith(label, StringComparison.Ordinal));
        return double.Parse(line[label.Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

internal static class Databases
{
    public static async Task EnsureExistsAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
        await using var adminSource = NpgsqlDataSource.Create(admin.ConnectionString);
        await using var exists = adminSource.CreateCommand("select 1 from pg_database where datname = $1");
        exists.Parameters.AddWithValue(target.Database!);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = adminSource.CreateCommand($"create database \"{target.Database}\"");
            await create.ExecuteNonQueryAsync();
        }
    }
}
