using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Revising;

/// <summary>
/// <c>PUT /clients/{id}/plans/{planId}</c>: new goals, actions or dates. A draft is simply replaced;
/// an agreed plan becomes the next version, a draft to be agreed again, and the agreed version stays
/// readable among the earlier ones.
/// </summary>
internal static class RevisingPlan
{
    public static PlanRevised Decide(Plan plan, PlanContent content, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        var version = plan.Status == PlanStatus.Agreed ? plan.PlanVersionNumber + 1 : plan.PlanVersionNumber;
        return new PlanRevised(plan.Id, plan.ClientId, version, content.StartsOn, content.EndsOn, content.Goals, content.Actions, by, now);
    }

    public static RouteHandlerBuilder MapRevisePlan(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/plans/{planId:guid}", HandleAsync)
            .WithName("RevisePlan")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid planId, PlanContentRequest request, IDocumentSession session,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PlanContentRules.Parse(request).TryGet(out var submitted, out var errors))
        {
            return errors.ToProblem();
        }

        if (await PlanWrites.ClientPlanAsync(session, http, clientId, planId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var client = (await session.LoadAsync<Client>(clientId, cancellationToken))!;
        var current = (await session.LoadAsync<Plan>(planId, cancellationToken))!;
        var (content, contentErrors) = await PlanContentRules.BuildAsync(submitted, client, current, session, clock, cancellationToken);
        if (content is null)
        {
            return contentErrors.ToProblem();
        }

        return await session.WriteAsync<Plan>(http, planId, plan => Decide(plan, content, http.Actor(), http.Now()), cancellationToken);
    }
}
