using Integration.Intake.Plans.Agreeing;
using Integration.Intake.Plans.Closing;
using Integration.Intake.Plans.CompletingActions;
using Integration.Intake.Plans.Drafting;
using Integration.Intake.Plans.Expiring;
using Integration.Intake.Plans.Printing;
using Integration.Intake.Plans.Reading;
using Integration.Intake.Plans.Reviewing;
using Integration.Intake.Plans.Revising;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Intake.Plans;

internal static class PlanEndpoints
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Plan>(SnapshotLifecycle.Inline);
        options.Schema.For<Plan>().Duplicate(plan => plan.ClientId).Duplicate(plan => plan.NextReviewOn).Duplicate(plan => plan.EndsOn);
        options.Projections.Add<PlanDeadlineProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<PlanDeadline>().Duplicate(deadline => deadline.EndsOn);
    }

    /// <summary>Plans live under their client: <c>/clients/{id}/plans…</c>.</summary>
    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder clients)
    {
        clients.MapDraftPlan();
        clients.MapGetPlans();
        clients.MapRevisePlan();
        clients.MapAgreePlan();
        clients.MapPrintAgreement();
        clients.MapReviewPlan();
        clients.MapMarkActionDone();
        clients.MapClosePlan();
        return clients;
    }
}
