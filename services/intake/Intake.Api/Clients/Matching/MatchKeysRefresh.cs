using Integration.Eventing;
using Marten;
using Npgsql;

namespace Integration.Intake.Clients.Matching;

/// <summary>
/// Brings every stored client's match keys to the current <see cref="MatchKeys.Version"/> after an
/// upgrade that changed them (a new name table, a new kind of key), in the background after start-up
/// and a thousand rows at a time along the primary key, so a large register is re-keyed without a
/// migration step or a stop. Until its turn comes, a row is still found by the keys it had. Runs
/// where the daemon runs, one tenant after the other; a database that is away is waited for.
/// </summary>
public sealed class MatchKeysRefresh(ClientIndex index, IDocumentStore store, ILogger<MatchKeysRefresh> logger) : BackgroundService
{
    private const int Batch = 1000;
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<string>? tenants = null;
        var tenant = 0;
        var after = Guid.Empty;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                tenants ??= await TenantDirectory.StorageIdsAsync(store, stoppingToken);
                if (tenant == tenants.Count)
                {
                    logger.LogInformation("Every client's match keys are at version {Version}", MatchKeys.Version);
                    return;
                }

                if (await index.RefreshKeysAsync(tenants[tenant], after, Batch, stoppingToken) is { } last)
                {
                    after = last;
                }
                else
                {
                    (tenant, after) = (tenant + 1, Guid.Empty);
                }
            }
            catch (NpgsqlException failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Re-keying clients paused; retrying in {Retry}", Retry);
                await Task.Delay(Retry, stoppingToken);
            }
        }
    }
}
