using Integration.Eventing;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Plans.Expiring;

/// <summary>A plan still running, with its end date, so the sweep finds the ones that ran out by index.</summary>
public sealed record PlanDeadline(Guid Id, Guid ClientId, DateOnly EndsOn);

public sealed partial class PlanDeadlineProjection : EventProjection
{
    public void Project(PlanDrafted e, IDocumentOperations operations)
    {
        operations.Store(new PlanDeadline(e.PlanId, e.ClientId, e.EndsOn));
    }

    public void Project(PlanRevised e, IDocumentOperations operations)
    {
        operations.Store(new PlanDeadline(e.PlanId, e.ClientId, e.EndsOn));
    }

    public void Project(PlanClosed e, IDocumentOperations operations)
    {
        operations.Delete<PlanDeadline>(e.PlanId);
    }

    public void Project(PlanExpired e, IDocumentOperations operations)
    {
        operations.Delete<PlanDeadline>(e.PlanId);
    }

    public void Project(PlanErased e, IDocumentOperations operations)
    {
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
    : DeadlineSweep<PlanDeadline, Plan>(store, clock, configuration.GetValue("Plans:ExpirySweepInterval", TimeSpan.FromMinutes(1)), logger)
{
    protected override IQueryable<PlanDeadline> Due(IQueryable<PlanDeadline> deadlines, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return deadlines.Where(deadline => deadline.EndsOn < today).OrderBy(deadline => deadline.EndsOn);
    }

    protected override Guid StreamOf(PlanDeadline deadline) => deadline!.Id;

    protected override object? Expire(Plan state, PlanDeadline deadline, DateTimeOffset now) =>
        state is { IsOver: false } plan && plan.EndsOn < DateOnly.FromDateTime(now.UtcDateTime)
            ? new PlanExpired(plan.Id, plan.ClientId, plan.EndsOn, now)
            : null;

    protected override bool StillRunning(Plan state) => state is { IsOver: false };
}
