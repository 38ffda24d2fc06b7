using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.CompletingActions;

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/actions/{actionId}/done</c>.</summary>
internal sealed record MarkActionDoneRequest(DateOnly? DoneOn, string? Note);

/// <summary>An action done, as parsed: the day it was done, and the note when there is one.</summary>
internal sealed record MarkActionDone(DateOnly DoneOn, string? Note);

internal static class MarkingActionDone
{
    public static Parsed<MarkActionDone> Parse(MarkActionDoneRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var doneOn = PlanWrites.PastDate(errors, "doneOn", request.DoneOn, now, "An action done");

        var note = errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors.Any || doneOn is not { } day ? errors : new MarkActionDone(day, note);
    }

    public static PlanActionDone Decide(Plan plan, Guid actionId, MarkActionDone completion, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        var action = plan.FindAction(actionId)
            ?? throw new DomainRuleViolated(ProblemCodes.NotFound, "The plan has no action with this id.", StatusCodes.Status404NotFound);
        if (plan.Status != PlanStatus.Agreed)
        {
            throw DomainRuleViolated.Conflict("plan_not_agreed", "Actions are carried out once the plan is agreed.",
                new Dictionary<string, object?> { ["status"] = plan.Status });
        }

        if (action.Done)
        {
            throw DomainRuleViolated.Conflict("action_done", $"The action was done on {action.DoneOn:yyyy-MM-dd}.");
        }

        return new PlanActionDone(plan.Id, plan.ClientId, actionId, completion.DoneOn, completion.Note, by, now);
    }

    public static RouteHandlerBuilder MapMarkActionDone(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/actions/{actionId:guid}/done", HandleAsync)
            .WithName("MarkPlanActionDone")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid planId, Guid actionId, MarkActionDoneRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, http.Now()),
            completion => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, actionId, completion, http.Actor(), http.Now()),
                cancellationToken));
}
