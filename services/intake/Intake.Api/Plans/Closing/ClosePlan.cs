using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

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
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/close", HandleAsync)
            .WithName("ClosePlan")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, Guid planId, ClosePlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, request => Validate(request, http.Now()),
            request => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, request, http.Actor(), http.Now()), cancellationToken));
}
