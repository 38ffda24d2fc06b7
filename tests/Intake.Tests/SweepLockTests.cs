using Integration.Eventing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integration.Intake.Tests;

/// <summary>
/// Two workers of a service run the same sweeps; on a real PostgreSQL only one of them sweeps at a
/// time (an advisory lock per schema and sweep), so a round's work is never done twice at once.
/// </summary>
public sealed class SweepLockTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task two_workers_running_the_same_sweep_never_sweep_at_the_same_time()
    {
        var store = intake.Services.GetRequiredService<IDocumentStore>();
        var rounds = new SweepRounds();
        using var first = new CountingSweep(store, rounds);
        using var second = new CountingSweep(store, rounds);

        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => Task.FromResult(rounds.Started >= 10), "ten sweep rounds between the two workers");
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(1, rounds.MostAtOnce);
    }

    private sealed class SweepRounds
    {
        private int running;
        private int started;
        private int mostAtOnce;

        public int Started => Volatile.Read(ref started);

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref started);
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, current) == current)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A sweep whose round takes a while and is counted; both workers' instances are of this one type, as in a deployment.</summary>
    private sealed class CountingSweep(IDocumentStore store, SweepRounds rounds)
        : PeriodicSweep(store, TimeProvider.System, TimeSpan.FromMilliseconds(50), NullLogger.Instance)
    {
        protected override Task SweepTenantAsync(string tenant, CancellationToken cancellationToken) => rounds.RunAsync(cancellationToken);
    }
}
