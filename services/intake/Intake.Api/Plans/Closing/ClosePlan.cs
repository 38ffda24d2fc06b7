using Integration.Intake.Clients;
using Integration.ServiceDefaults;

namespace Integration.Intake.Plans.Closing;

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/close</c>; <c>outcome</c> as a case closes.</summary>
internal sealed record ClosePlanRequest(CaseOutcome? Outcome, string? Note);

internal static class ClosingPlan
{
    public static FieldErrors Validate(ClosePlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome");
        }

        errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static PlanClosed Decide(Plan plan, ClosePlanRequest request, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        return new PlanClosed(plan.Id, plan.ClientId, request.Outcome!.Value, ClientValidation.Trimmed(request.Note), by, now);
    }

    public static RouteHandlerBuilder MapClosePlan(this IEndpointRouteBuilder clients) =>
        clients.MapPlanChange<ClosePlanRequest>("/{clientId:guid}/plans/{planId:guid}/close", "ClosePlan", Validate,
            (plan, request, change) => Decide(plan, request, change.Actor, change.Now));
}
