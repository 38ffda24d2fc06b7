using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integration.Eventing;

/// <summary>
/// A timer on the service's own store (RabbitMQ here has no delayed messages): every interval it
/// runs <see cref="SweepAsync"/>, which finds what fell due in a projection and records it as
/// events. Deadlines live in the store, so the timer survives restarts; a failed sweep is logged and
/// the next interval tries again. A run goes through every tenant (<see cref="SweepTenantAsync"/>). A <see cref="SweepSignal"/> runs it early when something changed
/// that it should look at. Of several workers of a service only one sweeps at a time: a run holds a
/// PostgreSQL advisory lock named after the store's schema and the sweep, and a worker that cannot
/// take it leaves the round to the one that did. Tests call <see cref="SweepAsync"/> directly with a fake clock.
/// </summary>
public abstract partial class PeriodicSweep(IDocumentStore store, TimeProvider clock, TimeSpan interval, ILogger logger, SweepSignal? signal = null)
    : BackgroundService
{
    public const string ActivitySourceName = "Integration.Sweeps";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    protected TimeProvider Clock { get; } = clock;

    protected IDocumentStore Store { get; } = store;

    /// <summary>
    /// The activity a run that found work acts in: a trace of its own, which the sessions it opens stamp on their
    /// events so the relay and the consumers continue it. A run that found nothing starts none, so polls leave no trace.
    /// </summary>
    protected Activity? StartActing(int due) =>
        due == 0 ? null : Source.StartActivity($"sweep {GetType().Name}")?.SetTag("integration.sweep.due", due);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var wake = signal?.WaitAsync(stoppingToken);
        while (true)
        {
            try
            {
                await SweepAloneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, GetType().Name, exception);
            }

            var next = wake is null ? tick : await Task.WhenAny(tick, wake);
            if (next == tick)
            {
                if (!await tick)
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else
            {
                await next;
                wake = signal!.WaitAsync(stoppingToken);
            }
        }
    }

    /// <summary>One run: every tenant's due work, one tenant after the other.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in await TenantDirectory.StorageIdsAsync(Store, cancellationToken))
        {
            await SweepTenantAsync(tenant, cancellationToken);
        }
    }

    /// <summary>The due work of one tenant (a store's tenant id), in sessions of that tenant.</summary>
    protected abstract Task SweepTenantAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Sweeps unless another worker of the service is sweeping the same right now.</summary>
    private async Task SweepAloneAsync(CancellationToken cancellationToken)
    {
        // The service's own database: the default tenant's, whether or not the other tenants have databases of their own.
        var database = await Store.Storage.FindOrCreateDatabase(JasperFx.StorageConstants.DefaultTenantId);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{Store.Options.DatabaseSchemaName}:{GetType().FullName}")));
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        take.Parameters.AddWithValue("key", key);
        if (await take.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return;
        }

        try
        {
            await SweepAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweep} failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string sweep, Exception exception);
}

/// <summary>Asks a <see cref="PeriodicSweep"/> to run now rather than at its next interval; signals raised meanwhile fold into one run.</summary>
public class SweepSignal
{
    private readonly Channel<bool> raised = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Raise() => raised.Writer.TryWrite(true);

    public Task WaitAsync(CancellationToken cancellationToken) => raised.Reader.ReadAsync(cancellationToken).AsTask();
}
