using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// Registrations through the gateway of the system started by ./run.sh, and in the same run
/// single-row inserts of a similar JSON document straight into PostgreSQL at the same concurrency.
/// </summary>
internal static class GatewayScenario
{
    public static async Task RunAsync(LoadOptions options)
    {
        using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "frontdesk"));
        var random = new Random(7);
        var bodies = Enumerable.Range(0, options.Count + options.WarmUp).Select(_ => Body(Names.Sample(random))).ToArray();

        var registrations = await Phase.RunAsync("gateway: POST /api/intake/clients", options.Count, options.Concurrency, options.WarmUp, async i =>
        {
            using var response = await http.PostAsJsonAsync("/api/intake/clients", bodies[i]);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });

        await using var dataSource = await PrepareBaselineAsync(options.Postgres + ";Database=integration_bench");
        var inserts = await Phase.RunAsync("baseline: INSERT jsonb row", options.Count, options.Concurrency, options.WarmUp,
            i => InsertAsync(dataSource, bodies[i]));

        Phase.Print(registrations, inserts);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (gateway / baseline): throughput {registrations.Throughput / inserts.Throughput:0.000}, " +
            $"p50 latency {registrations.P50 / inserts.P50:0.0}x, p99 latency {registrations.P99 / inserts.P99:0.0}x"));
    }

    /// <summary>A registration that always goes through: duplicates of the generated names are overridden, as a desk would after checking.</summary>
    public static object Body(Registration registration) => new
    {
        givenName = registration.GivenName,
        familyName = registration.FamilyName,
        dateOfBirth = registration.Born,
        dateOfBirthIsApproximate = registration.Approximate,
        nationalities = new[] { registration.Nationality },
        duplicateCheckOverride = new { reason = "load test" },
    };

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
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var table = dataSource.CreateCommand(
            "drop table if exists load_baseline; create table load_baseline (id uuid primary key, data jsonb not null)");
        await table.ExecuteNonQueryAsync();
        return dataSource;
    }

    private static async Task InsertAsync(NpgsqlDataSource dataSource, object body)
    {
        var id = Guid.CreateVersion7();
        var document = JsonSerializer.Serialize(new { clientId = id, registration = body, registeredBy = "load-driver", registeredAt = DateTimeOffset.UtcNow });
        await using var insert = dataSource.CreateCommand("insert into load_baseline (id, data) values ($1, $2::jsonb)");
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(document);
        await insert.ExecuteNonQueryAsync();
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
