using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Clients.Registering;
using Marten;
using Marten.Linq.LastModified;
using Npgsql;

namespace Integration.Intake.Duplicates.Sweeping;

/// <summary>Up to when the sweep has looked at clients' records.</summary>
public sealed record DuplicateSweepCheckpoint(string Id, DateTimeOffset SweptUpTo)
{
    public const string Key = "duplicate-sweep";
}

/// <summary>
/// Looks once a night (<c>Duplicates:SweepInterval</c>) at every client record registered or changed
/// since the last sweep and flags the possible duplicates the desk could not have seen: two offices
/// registering one person at the same moment, a correction that made two records alike, records older
/// than the current matcher. The first sweep looks back <c>Duplicates:FirstSweepDays</c> (7). A pair
/// already flagged, or decided "not the same", is not flagged again. Runs where the daemon runs.
/// </summary>
public sealed class DuplicateSweep(IDocumentStore store, DuplicateFinder finder, TimeProvider clock, IConfiguration configuration,
    ILogger<DuplicateSweep> logger) : BackgroundService
{
    private readonly TimeSpan interval = configuration.GetValue("Duplicates:SweepInterval", TimeSpan.FromHours(24));
    private readonly int firstSweepDays = configuration.GetValue("Duplicates:FirstSweepDays", 7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var flagged = await SweepAsync(stoppingToken);
                logger.LogInformation("Duplicate sweep flagged {Flagged} pairs", flagged);
            }
            catch (NpgsqlException failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Duplicate sweep failed; it runs again in {Interval}", interval);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>One sweep of every tenant: returns how many pairs it flagged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var flagged = 0;
        foreach (var tenant in await TenantDirectory.StorageIdsAsync(store, cancellationToken))
        {
            flagged += await SweepAsync(tenant, cancellationToken);
        }

        return flagged;
    }

    /// <summary>One tenant's records, against that tenant's only (each tenant keeps its checkpoint).</summary>
    private async Task<int> SweepAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenant);
        var checkpoint = await session.LoadAsync<DuplicateSweepCheckpoint>(DuplicateSweepCheckpoint.Key, cancellationToken)
            ?? new DuplicateSweepCheckpoint(DuplicateSweepCheckpoint.Key, now.AddDays(-firstSweepDays));
        var changed = await session.Query<Client>().Where(client => client.ModifiedSince(checkpoint.SweptUpTo)).ToListAsync(cancellationToken);
        var flagged = new Dictionary<Guid, DuplicatePairFlagged>();
        foreach (var client in changed.Where(client => client.Erasure is null))
        {
            foreach (var found in await finder.FindAsync(tenant, client.ToMatchSubject(), cancellationToken))
            {
                if (found.ClientId == client.Id || flagged.ContainsKey(DuplicatePair.IdOf(found.ClientId, client.Id)))
                {
                    continue;
                }

                var pair = DuplicatePair.Flag(found.ClientId, found.Office, client.Id, client.Office, found, DuplicateSource.Sweep, now);
                if (await session.Events.FetchStreamStateAsync(pair.PairId, cancellationToken) is null)
                {
                    flagged[pair.PairId] = pair;
                }
            }
        }

        foreach (var pair in flagged.Values)
        {
            session.Events.StartStream<DuplicatePair>(pair.PairId, pair);
        }

        session.Store(checkpoint with { SweptUpTo = now });
        await session.SaveChangesAsync(cancellationToken);
        return flagged.Count;
    }
}
