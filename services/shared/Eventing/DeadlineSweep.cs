using JasperFx;
using Marten;
using Microsoft.Extensions.Logging;

namespace Integration.Eventing;

/// <summary>
/// A <see cref="PeriodicSweep"/> over deadline documents kept by an inline projection (a consent's
/// expiry, a plan's end): each sweep reads up to a batch of the deadlines that have passed, oldest
/// first, and for each one records on its stream what the deadline means (<see cref="Expire"/>), or
/// drops the deadline when the stream no longer needs it (<see cref="StillRunning"/>). Each stream is appended at the version
/// read: when someone changed it meanwhile, the deadline stays for the next sweep.
/// </summary>
public abstract class DeadlineSweep<TDeadline, TState>(IDocumentStore store, TimeProvider clock, TimeSpan interval, ILogger logger)
    : PeriodicSweep(store, clock, interval, logger)
    where TDeadline : notnull
    where TState : class
{
    private const int BatchSize = 200;

    protected override async Task SweepTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<TDeadline> due;
        await using (var query = Store.QuerySession(tenant))
        {
            due = await Due(query.Query<TDeadline>(), now).Take(BatchSize).ToListAsync(cancellationToken);
        }

        using var acting = StartActing(due.Count);
        foreach (var deadline in due)
        {
            await using var session = Store.LightweightSession(tenant).Stamp();
            var stream = await session.Events.FetchForWriting<TState>(StreamOf(deadline), cancellationToken);
            if (stream.Aggregate is { } state && Expire(state, deadline, now) is { } expired)
            {
                stream.AppendOne(expired);
            }
            else if (stream.Aggregate is not { } running || !StillRunning(running))
            {
                session.Delete(deadline);
            }
            else
            {
                // Changed since the deadline was read (a plan given a later end): its projection keeps the new deadline.
                continue;
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // The stream changed meanwhile; the deadline is still there for the next sweep.
            }
        }
    }

    /// <summary>The deadlines that have passed at <paramref name="now"/>, oldest first.</summary>
    protected abstract IQueryable<TDeadline> Due(IQueryable<TDeadline> deadlines, DateTimeOffset now);

    protected abstract Guid StreamOf(TDeadline deadline);

    /// <summary>The event that records the deadline, or null when nothing is to be recorded now.</summary>
    protected abstract object? Expire(TState state, TDeadline deadline, DateTimeOffset now);

    /// <summary>Whether the stream still needs its deadline when <see cref="Expire"/> recorded nothing; if not, the deadline goes.</summary>
    protected abstract bool StillRunning(TState state);
}
