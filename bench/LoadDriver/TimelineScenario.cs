using System.Diagnostics;
using System.Globalization;
using Integration.Eventing;
using Integration.Intake;
using Integration.Intake.Clients;
using Integration.Intake.Notes;
using Integration.Vocabulary;
using Marten;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// The case timeline and the worklist of a busy office. Starts its own intake process (Release
/// build, daemon off) on its own database, seeds <c>--timeline-clients</c> clients of one office,
/// each with <c>--events</c> timeline entries (registration, needs and case notes, through intake's
/// own events and inline projections, so the timeline rows are made as in production), then reads
/// random clients' timelines (first page of 50 and all 200 at once) and the office's worklist.
/// </summary>
internal static class TimelineScenario
{
    private const string Database = "integration_bench_timeline";
    private const int Port = 5198;
    private const int NeedsPerClient = 20;

    public static async Task RunAsync(LoadOptions options)
    {
        var connectionString = $"{options.Postgres};Database={Database}";
        await Databases.EnsureExistsAsync(connectionString);
        var clients = options.Int("timeline-clients", 2000);
        var events = options.Int("events", 200);
        await DropSchemaAsync(connectionString);
        using var intake = await ServiceUnderTest.StartAsync("intake", "intake", "Intake.Api", Port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__RabbitMq"] = await options.RabbitMqAsync(),
            ["EventStore__RunDaemon"] = "false",
        });
        intake.SignIn("caseworker");
        var clientIds = await SeedAsync(connectionString, clients, events);
        await AnalyzeAsync(connectionString);
        var random = new Random(7);
        var label = $"{clients:N0} clients × {events} entries";
        var firstPage = await Phase.RunAsync($"timeline, page of 50 ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async _ =>
        {
            using var response = await intake.Http.GetAsync($"/clients/{clientIds[random.Next(clientIds.Count)]}/timeline?pageSize=50");
            await ServiceUnderTest.EnsureAsync(response);
        });
        var whole = await Phase.RunAsync($"timeline, all {events} ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async _ =>
        {
            using var response = await intake.Http.GetAsync($"/clients/{clientIds[random.Next(clientIds.Count)]}/timeline?pageSize=200");
            await ServiceUnderTest.EnsureAsync(response);
        });
        var worklist = await Phase.RunAsync($"worklist of the office ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async _ =>
        {
            using var response = await intake.Http.GetAsync("/worklist?pageSize=50");
            await ServiceUnderTest.EnsureAsync(response);
        });
        Phase.Print(firstPage, whole, worklist);
    }

    /// <summary>Each client: the registration, up to 20 needs on the client's stream, and case notes for the rest, each note its own stream.</summary>
    private static async Task<IReadOnlyList<Guid>> SeedAsync(string connectionString, int clients, int events)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            EventStoreExtensions.ApplyDefaults(options, IntakeService.Name);
            ClientStore.Configure(options);
        });
        var random = new Random(42);
        var ids = new List<Guid>(clients);
        var watch = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow.AddYears(-1);
        for (var c = 0; c < clients; c++)
        {
            await using var session = store.LightweightSession();
            var sample = Names.Sample(random);
            var clientId = Guid.CreateVersion7(start);
            ids.Add(clientId);
            var stream = new List<object>
            {
                new ClientRegistered(clientId, sample.GivenName, sample.FamilyName, sample.DateOfBirth, "seed", start)
                {
                    Nationalities = [sample.Nationality],
                    Office = "bench",
                    LegalStatus = new LegalStatusDetails(LegalStatusCategory.TemporaryPermit, null, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(random.Next(400))),
                },
            };
            var needs = Math.Min(NeedsPerClient, events - 1);
            for (var n = 0; n < needs; n++)
            {
                stream.Add(new NeedAdded(clientId, Guid.CreateVersion7(start), (NeedDomain)(n % 13), Priority.Medium, $"Need {n}", "seed", start.AddHours(n)));
            }

            session.Events.StartStream<Client>(clientId, [.. stream]);
            for (var n = needs + 1; n < events; n++)
            {
                var noteId = Guid.CreateVersion7(start);
                session.Events.StartStream<CaseNote>(noteId, new CaseNoteAdded(noteId, clientId, $"Note {n} about the case", "seed", start.AddHours(n)));
            }

            await session.SaveChangesAsync();
            if (c % 200 == 199)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeded {c + 1:N0} of {clients:N0} clients ({(c + 1) * events / watch.Elapsed.TotalSeconds:0} events per second)"));
            }
        }

        return ids;
    }

    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var analyze = dataSource.CreateCommand("vacuum analyze");
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task DropSchemaAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand("drop schema if exists intake cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
