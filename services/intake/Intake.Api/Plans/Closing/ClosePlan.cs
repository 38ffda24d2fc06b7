using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Closing;

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/close</c>; <c>outcome</c> as a case closes.</summary>
internal sealed record ClosePlanRequest(CaseOutcome? Outcome, string? Note);

/// <summary>A plan closing as parsed: the outcome, and the note when there is one.</summary>
internal sealed record ClosePlan(CaseOutcome Outcome, string? Note);

internal static class ClosingPlan
{
    public static Parsed<ClosePlan> Parse(ClosePlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var outcome = errors.Require("outcome", request.Outcome);
        var note = errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors.Any || outcome is not { } given ? errors : new ClosePlan(given, note);
    }

    public static PlanClosed Decide(Plan plan, ClosePlan closing, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        return new PlanClosed(plan.Id, plan.ClientId, closing.Outcome, closing.Note, by, now);
    }

    public static RouteHandlerBuilder MapClosePlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/close", HandleAsync)
            .WithName("ClosePlan")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid planId, ClosePlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, http.Now()),
            closing => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, closing, http.Actor(), http.Now()), cancellationToken));
}
