using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Eventing;
using Integration.Referrals;
using Integration.Referrals.Caseload;
using Integration.Referrals.Directory;
using Integration.Referrals.Referrals;
using Integration.Vocabulary;
using Marten;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// The coordinator's caseload as referrals grow. Starts its own referrals process (Release build,
/// daemon on: the caseload is an async projection) on its own database, measures <c>GET /caseload</c>
/// on the empty store, appends <c>--referrals</c> referrals (and their answers) with referrals' own
/// events, waits until the daemon has projected them, and measures again. A caseload whose cost grew
/// with the number of referrals would show it here.
/// </summary>
internal static class CaseloadScenario
{
    private const string Database = "integration_bench_referrals";
    private const int Port = 5198;
    private const int SeedBatch = 2000;
    private const int Organisations = 72;
    private static readonly string[] Offices = [.. Enumerable.Range(1, 12).Select(i => $"office-{i:00}")];

    public static async Task RunAsync(LoadOptions options)
    {
        var referrals = int.Parse(options.Values.GetValueOrDefault("referrals", "200000"), CultureInfo.InvariantCulture);
        var connectionString = $"{options.Postgres};Database={Database}";
        await Databases.EnsureExistsAsync(connectionString);
        await DropSchemaAsync(connectionString);

        using var service = await ServiceUnderTest.StartAsync("referrals", "referrals", "Referrals.Api", Port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__RabbitMq"] = await options.RabbitMqAsync(),
            ["Referrals__OverdueSweepInterval"] = "01:00:00",
        });
        service.SignIn("coordinator");
        var empty = await MeasureAsync(service.Http, options, "empty store");

        var seeded = await SeedAsync(connectionString, referrals);
        var watch = Stopwatch.StartNew();
        await WaitProjectedAsync(service.Http, referrals);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the daemon projected {seeded:N0} events into the caseload in {watch.Elapsed.TotalSeconds:0.0} s ({seeded / watch.Elapsed.TotalSeconds:0} per second)"));
        Console.WriteLine($"{CaseloadProjection.CountTable} rows: {await CountRowsAsync(connectionString, CaseloadProjection.CountTable):N0}, "
            + $"{CaseloadProjection.AnswerTable} rows: {await CountRowsAsync(connectionString, CaseloadProjection.AnswerTable):N0}, referrals: {referrals:N0}");

        Phase.Print([.. empty, .. await MeasureAsync(service.Http, options, $"{referrals:N0} referrals")]);
    }

    private static async Task<PhaseResult[]> MeasureAsync(HttpClient http, LoadOptions options, string label)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var everything = await Phase.RunAsync($"caseload, all ({label})", options.Queries, options.QueryConcurrency, options.WarmUp, async _ =>
        {
            using var response = await http.GetAsync("/caseload");
            await ServiceUnderTest.EnsureAsync(response);
        });
        var filtered = await Phase.RunAsync($"caseload, office+category+30 days ({label})", options.Queries, options.QueryConcurrency,
            options.WarmUp, async i =>
            {
                using var response = await http.GetAsync(
                    $"/caseload?office={Offices[i % Offices.Length]}&category=housing&from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
                await ServiceUnderTest.EnsureAsync(response);
            });
        return [everything, filtered];
    }

    /// <summary>
    /// Appends organisations, services and referrals spread over a year, offices and categories;
    /// about half are accepted and a sixth declined, after 0 to 72 hours. Returns the events written.
    /// </summary>
    private static async Task<long> SeedAsync(string connectionString, int referrals)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            EventStoreExtensions.ApplyDefaults(options, ReferralsService.Name);
            Referrals.Directory.Organisations.Configure(options);
            PartnerServices.Configure(options);
            ReferralStore.Configure(options);
        });
        var random = new Random(42);
        var categories = Enum.GetValues<NeedDomain>();
        var now = DateTimeOffset.UtcNow;
        var organisations = new List<(Organisation Organisation, PartnerService Service)>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < Organisations; i++)
            {
                var organisationId = Guid.CreateVersion7(now);
                var serviceId = Guid.CreateVersion7(now);
                var registered = new OrganisationRegistered(organisationId, $"Partner {i:00}", "Seeded partner", null, null, "seed", now);
                var added = new PartnerServiceAdded(serviceId, organisationId, $"Service {i:00}", "", categories[i % categories.Length], ["it"], null,
                    null, 48, "seed", now);
                session.Events.StartStream<Organisation>(organisationId, registered);
                session.Events.StartStream<PartnerService>(serviceId, added);
                organisations.Add((Organisation.Create(registered), PartnerService.Create(added)));
            }

            await session.SaveChangesAsync();
        }

        long events = Organisations * 2;
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < referrals; done += SeedBatch)
        {
            await using var session = store.LightweightSession();
            for (var i = done; i < Math.Min(referrals, done + SeedBatch); i++)
            {
                var (organisation, service) = organisations[random.Next(organisations.Count)];
                var sentAt = now.AddMinutes(-random.Next(365 * 24 * 60));
                var referralId = Guid.CreateVersion7(sentAt);
                var answer = random.NextDouble();
                var answeredAt = sentAt.AddMinutes(random.Next(72 * 60));
                object[] stream = answer switch
                {
                    < 0.5 => [Sent(referralId, organisation, service, sentAt, random), new ReferralAccepted(referralId, "seed", answeredAt)],
                    < 0.66 => [Sent(referralId, organisation, service, sentAt, random),
                        new ReferralDeclined(referralId, DeclineReason.NoCapacity, null, "seed", answeredAt)],
                    _ => [Sent(referralId, organisation, service, sentAt, random)],
                };
                session.Events.StartStream<Referral>(referralId, stream);
                events += stream.Length;
            }

            await session.SaveChangesAsync();
            if ((done / SeedBatch) % 25 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeded {Math.Min(referrals, done + SeedBatch):N0} of {referrals:N0} referrals ({(done + SeedBatch) / watch.Elapsed.TotalSeconds:0} per second)"));
            }
        }

        return events;
    }

    private static ReferralSent Sent(Guid referralId, Organisation organisation, PartnerService service, DateTimeOffset sentAt, Random random) =>
        new(referralId, Guid.NewGuid(), Guid.NewGuid(), service.Id, service.Name, organisation.Id, organisation.Name, service.Category,
            Priority.Medium, null, Offices[random.Next(Offices.Length)], sentAt.AddHours(service.ResponseHours), null, [], "seed", sentAt);

    private static async Task WaitProjectedAsync(HttpClient http, int referrals)
    {
        while (true)
        {
            var caseload = await http.GetFromJsonAsync<JsonElement>("/caseload");
            var projected = caseload.GetProperty("totals").GetProperty("total").GetInt64();
            if (projected >= referrals)
            {
                return;
            }

            Console.WriteLine($"waiting for the daemon: {projected:N0} of {referrals:N0} referrals in the caseload");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<long> CountRowsAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var count = dataSource.CreateCommand($"select count(*) from {ReferralsService.Name}.{table}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task DropSchemaAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand($"drop schema if exists {ReferralsService.Name} cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
