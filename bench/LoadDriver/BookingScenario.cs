using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Eventing;
using Integration.Mediators;
using Integration.Mediators.Bookings;
using Integration.Mediators.Pool;
using Marten;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// Booking a mediator when the pool and its calendar are full-sized. Starts its own mediators
/// process (Release build, daemon off, so only booking is measured) on its own database, seeds
/// <c>--mediators</c> mediators in 20 languages with weekly hours in Rome, measures
/// <c>POST /bookings</c>, appends <c>--bookings</c> bookings over a year (past and future) with
/// mediators' own events and day streams, and measures again. Matching that scanned bookings would
/// slow down in the second run.
/// </summary>
internal static class BookingScenario
{
    private const string Database = "integration_bench_mediators";
    private const int Port = 5197;
    private const int SeedBatch = 2000;
    private static readonly string[] Languages =
        ["ar", "ti", "prs", "ps", "so", "am", "fa", "ur", "bn", "uk", "ru", "sq", "ro", "zh", "tl", "wo", "ff", "ha", "es", "fr"];

    public static async Task RunAsync(LoadOptions options)
    {
        var mediators = options.Int("mediators", 500);
        var bookings = options.Int("bookings", 200_000);
        var connectionString = $"{options.Postgres};Database={Database}";
        await Databases.EnsureExistsAsync(connectionString);
        await DropSchemaAsync(connectionString);

        using var service = await ServiceUnderTest.StartAsync("mediators", "mediators", "Mediators.Api", Port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ConnectionStrings__RabbitMq"] = await options.RabbitMqAsync(),
            ["EventStore__RunDaemon"] = "false",
        });
        service.SignIn("frontdesk");
        using var store = DocumentStore.For(store =>
        {
            store.Connection(connectionString);
            EventStoreExtensions.ApplyDefaults(store, MediatorsService.Name);
            MediatorsStore.Configure(store);
        });

        var pool = await SeedMediatorsAsync(store, mediators);
        var empty = await MeasureAsync(service.Http, options, $"{mediators} mediators, no bookings", weeksAhead: 30);
        await SeedBookingsAsync(store, pool, bookings);
        var cpuBefore = ProcessCpu.Snapshot();
        var full = await MeasureAsync(service.Http, options, $"{mediators} mediators, {bookings:N0} bookings", weeksAhead: 20);
        var cpuAfter = ProcessCpu.Snapshot();
        Console.WriteLine($"bookings stored: {await CountAsync(connectionString, "mt_doc_booking"):N0}, "
            + $"mediator day streams: {await CountAsync(connectionString, "mt_doc_mediatorday"):N0}");
        Phase.Print(empty, full);
        ProcessCpu.Print(cpuBefore, cpuAfter, options.Count + options.WarmUp, "booking", $"while booking with {bookings:N0} bookings stored");
    }

    /// <summary>
    /// Requests one-hour phone bookings between 09:00 and 17:00 UTC on weekdays of the weeks from
    /// <paramref name="weeksAhead"/> on, in a random language of the pool; prints how many were
    /// assigned and how many unfilled.
    /// </summary>
    private static async Task<PhaseResult> MeasureAsync(HttpClient http, LoadOptions options, string label, int weeksAhead)
    {
        var random = new Random(7);
        var monday = Monday(DateTimeOffset.UtcNow).AddDays(7 * weeksAhead);
        var assigned = 0;
        var unfilled = 0;
        var result = await Phase.RunAsync($"book a mediator ({label})", options.Count, options.Concurrency, options.WarmUp, async i =>
        {
            int day, hour;
            string language;
            lock (random)
            {
                day = random.Next(35) / 5 * 7 + random.Next(5);
                hour = 9 + random.Next(8);
                language = Languages[random.Next(Languages.Length)];
            }

            using var response = await http.PostAsJsonAsync("/bookings", new
            {
                language, start = monday.AddDays(day).AddHours(hour), durationMinutes = 60, mode = "phone",
            });
            await ServiceUnderTest.EnsureAsync(response);
            var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            Interlocked.Increment(ref status == "assigned" ? ref assigned : ref unfilled);
        });
        Console.WriteLine($"{label}: {assigned:N0} assigned, {unfilled:N0} unfilled (warm-up included)");
        return result;
    }

    private static async Task<IReadOnlyList<Mediator>> SeedMediatorsAsync(DocumentStore store, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var weekly = Enumerable.Range(1, 5).Select(day => new WeeklySlot(day, "08:00", "20:00")).ToList();
        var pool = new List<Mediator>();
        await using var session = store.LightweightSession();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7(now);
            var registered = new MediatorRegistered(id, $"Mediator {i:000}",
                [new MediatorLanguage(Languages[i % Languages.Length], null), new MediatorLanguage(Languages[(i / Languages.Length + i + 1) % Languages.Length], null)],
                [(Specialism)(i % 6)], [MediationMode.Phone, MediationMode.Video, MediationMode.InPerson], null, null, "seed", now);
            session.Events.StartStream<Mediator>(id, registered, new AvailabilitySet(id, new WeeklyAvailability("Europe/Rome", weekly, []), "seed", now));
            pool.Add(Mediator.Create(registered));
        }

        await session.SaveChangesAsync();
        return pool;
    }

    /// <summary>
    /// Bookings over a year around today, one-hour slots on weekdays, each with its mediator's
    /// reservation on the day stream, as the service writes them; a mediator's day holds at most
    /// eight, so no seeded booking overlaps another.
    /// </summary>
    private static async Task SeedBookingsAsync(DocumentStore store, IReadOnlyList<Mediator> pool, int count)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var firstMonday = Monday(now).AddDays(-26 * 7);
        var days = new Dictionary<Guid, List<MediatorReserved>>();
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < count; done += SeedBatch)
        {
            await using var session = store.LightweightSession();
            for (var i = done; i < Math.Min(count, done + SeedBatch); i++)
            {
                var mediator = pool[random.Next(pool.Count)];
                var date = firstMonday.AddDays(random.Next(52) * 7 + random.Next(5));
                var dayId = MediatorDay.IdFor(mediator.Id, DateOnly.FromDateTime(date.UtcDateTime));
                if (!days.TryGetValue(dayId, out var reserved))
                {
                    days[dayId] = reserved = [];
                }

                if (reserved.Count == 8)
                {
                    continue;
                }

                var start = date.AddHours(8 + reserved.Count);
                var bookingId = Guid.CreateVersion7(now);
                var requested = new BookingRequested(bookingId, mediator.LanguageCodes[0], null, null, MediationMode.Phone, start, 60, null, null, null,
                    "seed", null, start.AddDays(-7));
                reserved.Add(new MediatorReserved(dayId, mediator.Id, DateOnly.FromDateTime(date.UtcDateTime),
                    new Reservation(bookingId, start, start.AddHours(1), InPerson: false), start.AddDays(-7)));
                session.Events.StartStream<Booking>(bookingId, requested,
                    new MediatorAssigned(bookingId, mediator.Id, mediator.Name, false, [dayId], start.AddDays(-7)));
            }

            await session.SaveChangesAsync();
            if ((done / SeedBatch) % 20 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seeded {Math.Min(count, done + SeedBatch):N0} of {count:N0} bookings ({(done + SeedBatch) / watch.Elapsed.TotalSeconds:0} per second)"));
            }
        }

        foreach (var batch in days.Chunk(SeedBatch))
        {
            await using var session = store.LightweightSession();
            foreach (var (dayId, reserved) in batch)
            {
                session.Events.StartStream<MediatorDay>(dayId, [.. reserved]);
            }

            await session.SaveChangesAsync();
        }
    }

    private static DateTimeOffset Monday(DateTimeOffset instant) => Matching.WeekOf(instant).Start;

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var count = dataSource.CreateCommand($"select count(*) from {MediatorsService.Name}.{table}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task DropSchemaAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand($"drop schema if exists {MediatorsService.Name} cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
