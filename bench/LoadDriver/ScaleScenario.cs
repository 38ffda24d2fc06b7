using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Integration.Eventing;
using Integration.Intake;
using Integration.Intake.Clients;
using Integration.Intake.Clients.Matching;
using Marten;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// Intake at the size of a large city register. Starts its own intake process (Release build,
/// daemon off, so the seeded registrations are not relayed to the other services) on its own
/// database, measures registration, duplicate check and search on the empty store, seeds
/// <c>--clients</c> registrations with intake's own events and inline projections, and measures again.
/// <c>--reuse true</c> measures the store a previous run left, without seeding.
/// </summary>
internal static class ScaleScenario
{
    private const string Database = "integration_bench_intake";
    private const int Port = 5199;
    private const int SeedBatch = 2000;

    public static async Task RunAsync(LoadOptions options)
    {
        var connectionString = $"{options.Postgres};Database={Database}";
        await Databases.EnsureExistsAsync(connectionString);
        var reuse = options.Values.GetValueOrDefault("reuse") == "true";
        if (!reuse)
        {
            await DropSchemaAsync(connectionString);
        }

        using var intake = await ServiceUnderTest.StartAsync("intake", "intake", "Intake.Api", Port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__RabbitMq"] = await options.RabbitMqAsync(),
            ["EventStore__RunDaemon"] = "false",
        });
        intake.SignIn("frontdesk");
        if (reuse)
        {
            // A store seeded by an earlier version of the keys is re-keyed first, as MatchKeysRefresh does after an upgrade.
            await RekeyAsync(connectionString);
            Phase.Print(await MeasureAsync(intake.Http, options, $"{await CountClientsAsync(connectionString):N0} clients, reused", seed: 3));
            return;
        }

        var empty = await MeasureAsync(intake.Http, options, "empty store", seed: 1);
        await SeedAsync(connectionString, options.Clients);
        await AnalyzeAsync(connectionString);
        var seeded = await MeasureAsync(intake.Http, options, $"{options.Clients:N0} clients", seed: 2);
        Phase.Print([.. empty, .. seeded]);
    }

    private static async Task<PhaseResult[]> MeasureAsync(HttpClient http, LoadOptions options, string label, int seed)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, Math.Max(options.Count, options.Queries) + options.WarmUp).Select(_ => Names.Sample(random)).ToArray();

        var duplicateChecks = await Phase.RunAsync($"duplicate check ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async i =>
        {
            var sample = samples[i];
            using var response = await http.PostAsJsonAsync("/clients/duplicate-check",
                new { givenName = sample.GivenName, familyName = sample.FamilyName, dateOfBirth = sample.Born, nationality = sample.Nationality });
            await ServiceUnderTest.EnsureAsync(response);
        });
        var searches = await Phase.RunAsync($"search by name ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async i =>
        {
            var sample = samples[i];
            using var response = await http.GetAsync($"/clients?q={Uri.EscapeDataString($"{sample.GivenName} {sample.FamilyName}")}&pageSize=20");
            await ServiceUnderTest.EnsureAsync(response);
        });
        var registrations = await Phase.RunAsync($"registration ({label})", options.Count, options.Concurrency, options.WarmUp, async i =>
        {
            using var response = await http.PostAsJsonAsync("/clients", GatewayScenario.Body(samples[i]));
            await ServiceUnderTest.EnsureAsync(response);
        });
        return [duplicateChecks, searches, registrations];
    }

    /// <summary>Appends registrations in batches through Marten with intake's store configuration, so the same projections run.</summary>
    private static async Task SeedAsync(string connectionString, int clients)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            EventStoreExtensions.ApplyDefaults(options, IntakeService.Name);
            ClientStore.Configure(options);
        });
        var random = new Random(42);
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < clients; done += SeedBatch)
        {
            await using var session = store.LightweightSession();
            var at = DateTimeOffset.UtcNow;
            for (var i = done; i < Math.Min(clients, done + SeedBatch); i++)
            {
                var sample = Names.Sample(random);
                var clientId = Guid.CreateVersion7(at);
                session.Events.StartStream<Client>(clientId, new ClientRegistered(clientId, sample.GivenName, sample.FamilyName, sample.DateOfBirth, "seed", at)
                {
                    DateOfBirthIsApproximate = sample.Approximate,
                    Nationalities = [sample.Nationality],
                    Office = "bench",
                });
            }

            await session.SaveChangesAsync();
            if ((done / SeedBatch) % 25 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeded {done + SeedBatch:N0} of {clients:N0} ({(done + SeedBatch) / watch.Elapsed.TotalSeconds:0} per second)"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {clients:N0} clients in {watch.Elapsed.TotalMinutes:0.0} minutes"));
    }

    private static async Task RekeyAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var index = new ClientIndex(TenantDatabases.Conjoined(dataSource, IntakeService.Name), IntakeService.Name);
        var watch = Stopwatch.StartNew();
        var after = Guid.Empty;
        var batches = 0;
        while (await index.RefreshKeysAsync(JasperFx.StorageConstants.DefaultTenantId, after, 1000, CancellationToken.None) is { } last)
        {
            after = last;
            batches++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checked the keys of {batches:N0} batches of 1,000 clients (re-keying those of an earlier version) in {watch.Elapsed.TotalMinutes:0.0} minutes"));
        await AnalyzeAsync(connectionString);
    }

    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var analyze = dataSource.CreateCommand("vacuum analyze intake.client_index");
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountClientsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var count = dataSource.CreateCommand("select count(*) from intake.client_index");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task DropSchemaAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand("drop schema if exists intake cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
