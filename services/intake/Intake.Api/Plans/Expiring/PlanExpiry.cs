using Integration.Eventing;
using JasperFx;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Plans.Expiring;

/// <summary>A plan still running, with its end date, so the sweep finds the ones that ran out by index.</summary>
public sealed record PlanDeadline(Guid Id, Guid ClientId, DateOnly EndsOn);

public sealed partial class PlanDeadlineProjection : EventProjection
{
    public void Project(PlanDrafted e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Store(new PlanDeadline(e.PlanId, e.ClientId, e.EndsOn));
    }

    public void Project(PlanRevised e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Store(new PlanDeadline(e.PlanId, e.ClientId, e.EndsOn));
    }

    public void Project(PlanClosed e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<PlanDeadline>(e.PlanId);
    }

    public void Project(PlanExpired e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<PlanDeadline>(e.PlanId);
    }

    public void Project(PlanErased e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<PlanDeadline>(e.PlanId);
    }
}

/// <summary>
/// Records <see cref="PlanExpired"/> for every plan whose end date has passed (the day after it).
/// A timer on intake's own store like the consent expiry: deadlines are documents, so restarts lose
/// nothing; it runs where the daemon runs. An append racing a case worker's change fails on the
/// stream version and the next sweep tries again.
/// </summary>
public sealed class PlanExpirySweep(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<PlanExpirySweep> logger)
    : PeriodicSweep(clock, configuration.GetValue("Plans:ExpirySweepInterval", TimeSpan.FromMinutes(1)), logger)
{
    private const int BatchSize = 200;

    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IReadOnlyList<PlanDeadline> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<PlanDeadline>().Where(deadline => deadline.EndsOn < today)
                .OrderBy(deadline => deadline.EndsOn).Take(BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var deadline in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Plan>(deadline.Id, cancellationToken);
            if (stream.Aggregate is { IsOver: false } plan && plan.EndsOn < today)
            {
                stream.AppendOne(new PlanExpired(plan.Id, plan.ClientId, plan.EndsOn, now));
            }
            else if (stream.Aggregate is not { IsOver: false })
            {
                session.Delete<PlanDeadline>(deadline.Id);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // The plan changed meanwhile; its deadline is still there for the next sweep.
            }
        }
    }
}
