using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Clients.Reading;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Reading;

/// <summary>
/// A plan as <c>GET /clients/{id}/plans[/{planId}]</c> answers it: <c>version</c> is the plan's
/// content version (a change to an agreed plan makes the next one), <c>streamVersion</c> what
/// If-Match takes (also the ETag of the single plan). Agreements and reviews of every version.
/// </summary>
internal sealed record PlanView(
    Guid PlanId,
    Guid ClientId,
    PlanStatus Status,
    int Version,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAction> Actions,
    IReadOnlyList<PlanAgreement> Agreements,
    IReadOnlyList<PlanReview> Reviews,
    DateOnly? NextReviewOn,
    PlanClosure? Closure,
    IReadOnlyList<PlanVersion> EarlierVersions,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int StreamVersion)
{
    public static PlanView From(Plan plan)
    {
        IReadOnlyList<PlanAgreement> agreements =
            [.. plan.EarlierVersions.Select(version => version.Agreement).OfType<PlanAgreement>(), .. plan.Agreement is { } current ? [current] : Array.Empty<PlanAgreement>()];
        return new PlanView(plan.Id, plan.ClientId, plan.Status, plan.PlanVersionNumber, plan.StartsOn, plan.EndsOn, plan.Goals, plan.Actions,
            agreements, plan.Reviews, plan.NextReviewOn, plan.Closure, plan.EarlierVersions, plan.CreatedBy, plan.CreatedAt, plan.Version);
    }
}

internal static class GettingPlans
{
    public static IEndpointRouteBuilder MapGetPlans(this IEndpointRouteBuilder clients)
    {
        clients.MapGet("/{clientId:guid}/plans", ListAsync)
            .WithName("ListPlans")
            .RequireAuthorization(IntakeRoles.ReadHistory);
        clients.MapGet("/{clientId:guid}/plans/{planId:guid}", GetAsync)
            .WithName("GetPlan")
            .RequireAuthorization(IntakeRoles.ReadHistory);
        return clients;
    }

    private static Task<Results<Ok<ListPage<PlanView>>, ValidationProblem, AccessRefusal>> ListAsync(Guid clientId, int? page, int? pageSize, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        ClientRecords.PageAsync<Plan, PlanView>(session, http, clientId, page, pageSize, "ListPlans",
            (plans, _) => plans.Where(plan => plan.ClientId == clientId).OrderByDescending(plan => plan.CreatedAt), PlanView.From, cancellationToken);

    private static async Task<Results<Ok<PlanView>, AccessRefusal>> GetAsync(Guid clientId, Guid planId, IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (await PlanWrites.ClientPlanAsync(session, http, clientId, planId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var plan = (await session.LoadAsync<Plan>(planId, cancellationToken))!;
        AccessLogging.Record(session, http.User, "GetPlan", [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Ok(PlanView.From(plan));
    }
}
