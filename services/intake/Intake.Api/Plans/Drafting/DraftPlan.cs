using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Drafting;

public sealed record PlanCreated(Guid PlanId, int Version);

/// <summary><c>POST /clients/{id}/plans</c>: the case worker drafts the plan with the person; it is agreed separately.</summary>
internal static class DraftingPlan
{
    public static PlanDrafted Decide(Client client, Guid planId, PlanContent content, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is closed; reopen it before drafting a plan.");
        }

        return new PlanDrafted(planId, client.Id, content.StartsOn, content.EndsOn, content.Goals, content.Actions, by, now);
    }

    public static RouteHandlerBuilder MapDraftPlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans", HandleAsync)
            .WithName("DraftPlan")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static async Task<Results<CreateResult<PlanCreated>, Refusal>> HandleAsync(Guid clientId, PlanContentRequest request, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PlanContentRules.Parse(request).TryGet(out var submitted, out var errors))
        {
            return (CreateResult<PlanCreated>)errors.ToProblem();
        }

        if (await Writes.RefusalAsync(session, http, clientId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var client = (await session.LoadAsync<Client>(clientId, cancellationToken))!;

        var (content, contentErrors) = await PlanContentRules.BuildAsync(submitted, client, current: null, session, clock, cancellationToken);
        if (content is null)
        {
            return (CreateResult<PlanCreated>)contentErrors.ToProblem();
        }

        return await session.StartAsync<Plan, PlanCreated>(http, $"DraftPlan:{clientId}", request,
            planId => Decide(client, planId, content, http.Actor(), http.Now()),
            planId => $"/clients/{clientId}/plans/{planId}", planId => new PlanCreated(planId, 1), cancellationToken);
    }
}
