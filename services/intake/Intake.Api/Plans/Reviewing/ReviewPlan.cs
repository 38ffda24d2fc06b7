using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Plans.Reviewing;

internal sealed record GoalReviewRequest(Guid? GoalId, GoalProgress? Progress, string? Note);

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/reviews</c>.</summary>
internal sealed record ReviewPlanRequest(DateOnly? ReviewedOn, IReadOnlyList<GoalReviewRequest?>? Goals, DateOnly? NextReviewOn);

/// <summary>A review records each goal's progress with a note and sets the next review; only an agreed plan is reviewed.</summary>
internal static class ReviewingPlan
{
    public static FieldErrors Validate(ReviewPlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (PlanWrites.PastDate(errors, "reviewedOn", request.ReviewedOn, now, "A review") is { } reviewedOn
            && request.NextReviewOn is { } next && next <= reviewedOn)
        {
            errors.Add("nextReviewOn", "The next review comes after this one.");
        }

        if (request.Goals is not { Count: > 0 } goals)
        {
            errors.Add("goals", "Record the progress of at least one goal.");
            return errors;
        }

        for (var i = 0; i < goals.Count; i++)
        {
            if (goals[i]?.GoalId is null)
            {
                errors.Required($"goals[{i}].goalId");
            }

            if (goals[i]?.Progress is null)
            {
                errors.Required($"goals[{i}].progress", "This field is required (not_started, in_progress, achieved, not_achieved, dropped).");
            }

            errors.OptionalText($"goals[{i}].note", goals[i]?.Note, Clients.ClientValidation.MaxNoteLength);
        }

        if (goals.Where(goal => goal?.GoalId is not null).GroupBy(goal => goal!.GoalId).Any(group => group.Count() > 1))
        {
            errors.Add("goals", "Each goal may appear once.");
        }

        return errors;
    }

    public static PlanReviewed Decide(Plan plan, ReviewPlanRequest request, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        if (plan.Status != PlanStatus.Agreed)
        {
            throw DomainRuleViolated.Conflict("plan_not_agreed", "Only an agreed plan is reviewed; agree this version first.",
                new Dictionary<string, object?> { ["status"] = plan.Status });
        }

        var goals = request.Goals!.Select(goal => plan.FindGoal(goal!.GoalId!.Value) is null
            ? throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no goal with id {goal.GoalId}.", StatusCodes.Status404NotFound)
            : new GoalReview(goal.GoalId!.Value, goal.Progress!.Value, Clients.ClientValidation.Trimmed(goal.Note))).ToList();
        return new PlanReviewed(plan.Id, plan.ClientId, request.ReviewedOn!.Value, goals, request.NextReviewOn, by, now);
    }

    public static RouteHandlerBuilder MapReviewPlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/reviews", HandleAsync)
            .WithName("ReviewPlan")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, Guid planId, ReviewPlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, request => Validate(request, http.Now()),
            request => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, request, http.Actor(), http.Now()), cancellationToken));
}
