using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Integration.Bench;

/// <summary>
/// How long registrations took to reach the other services' read models, read from PostgreSQL after the
/// fact so that measuring does not load the system under test: from the <c>client_registered</c> event's
/// timestamp in intake's store to the last write of the person's reference in referrals' and mediators'
/// stores (one server, one clock). The delay covers intake's commit, the daemon noticing the event, the
/// relay publishing it, RabbitMQ, and the consumer's transaction.
/// </summary>
internal static class Downstream
{
    private static readonly string[] Services = ["referrals", "mediators"];
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    /// <summary>Waits until both services hold every registration, prints each group's delays, and returns how long the wait took.</summary>
    public static async Task<TimeSpan> PrintDelaysAsync(LoadOptions options, IReadOnlyDictionary<string, Guid[]> groups)
    {
        var waited = Stopwatch.StartNew();
        var stores = Services.ToDictionary(service => service, service => NpgsqlDataSource.Create($"{options.Postgres};Database=integration_{service}"));
        await using var intake = NpgsqlDataSource.Create($"{options.Postgres};Database=integration_intake");
        Guid[] everyone = [.. groups.Values.SelectMany(ids => ids)];
        try
        {
            await ArrivedAsync(stores, everyone);
            var drained = waited.Elapsed;
            var registeredAt = await TimesAsync(intake,
                "select stream_id, timestamp from intake.mt_events where type = 'client_registered' and stream_id = any($1)", everyone);

            Console.WriteLine();
            Console.WriteLine("event → downstream read model                           count   p50 ms   p95 ms   p99 ms   max ms");
            foreach (var (service, store) in stores)
            {
                var arrivedAt = await TimesAsync(store, $"select id, mt_last_modified from {service}.mt_doc_clientreference where id = any($1)", everyone);
                foreach (var (group, ids) in groups)
                {
                    Print($"{group}, {service}", ids, registeredAt, arrivedAt);
                }
            }

            return drained;
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until every service holds a reference for every client, checking every 100 ms.</summary>
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
            $"{name,-54} {sorted.Length,6} {Percentile(sorted, 0.50),8:0.0} {Percentile(sorted, 0.95),8:0.0} {Percentile(sorted, 0.99),8:0.0} {sorted[^1],8:0.0}"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
