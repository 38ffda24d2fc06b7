using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans.Reviewing;

internal sealed record GoalReviewRequest(Guid? GoalId, GoalProgress? Progress, string? Note);

/// <summary>Body of <c>POST /clients/{id}/plans/{planId}/reviews</c>.</summary>
internal sealed record ReviewPlanRequest(DateOnly? ReviewedOn, IReadOnlyList<GoalReviewRequest?>? Goals, DateOnly? NextReviewOn);

/// <summary>A review as parsed: when, each goal's progress (each goal once), and the next review when one is set.</summary>
internal sealed record ReviewPlan(DateOnly ReviewedOn, IReadOnlyList<GoalReview> Goals, DateOnly? NextReviewOn);

/// <summary>A review records each goal's progress with a note and sets the next review; only an agreed plan is reviewed.</summary>
internal static class ReviewingPlan
{
    public static Parsed<ReviewPlan> Parse(ReviewPlanRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var reviewedOn = PlanWrites.PastDate(errors, "reviewedOn", request.ReviewedOn, now, "A review");
        if (reviewedOn is { } day && request.NextReviewOn is { } next && next <= day)
        {
            errors.Add("nextReviewOn", "The next review comes after this one.");
        }

        if (request.Goals is not { Count: > 0 } goals)
        {
            errors.Add("goals", "Record the progress of at least one goal.");
            return errors;
        }

        var reviews = new List<GoalReview>();
        for (var i = 0; i < goals.Count; i++)
        {
            var goalId = errors.Require($"goals[{i}].goalId", goals[i]?.GoalId);
            var progress = errors.Require($"goals[{i}].progress", goals[i]?.Progress,
                "This field is required (not_started, in_progress, achieved, not_achieved, dropped).");
            var note = errors.OptionalText($"goals[{i}].note", goals[i]?.Note, Clients.ClientValidation.MaxNoteLength);
            if ((goalId, progress) is ({ } id, { } made))
            {
                reviews.Add(new GoalReview(id, made, note));
            }
        }

        if (goals.Select(goal => goal?.GoalId).OfType<Guid>().GroupBy(id => id).Any(group => group.Count() > 1))
        {
            errors.Add("goals", "Each goal may appear once.");
        }

        return errors.Any || reviewedOn is not { } reviewed ? errors : new ReviewPlan(reviewed, reviews, request.NextReviewOn);
    }

    public static PlanReviewed Decide(Plan plan, ReviewPlan review, string by, DateTimeOffset now)
    {
        PlanWrites.NotOver(plan);
        if (plan.Status != PlanStatus.Agreed)
        {
            throw DomainRuleViolated.Conflict("plan_not_agreed", "Only an agreed plan is reviewed; agree this version first.",
                new Dictionary<string, object?> { ["status"] = plan.Status });
        }

        if (review.Goals.FirstOrDefault(goal => plan.FindGoal(goal.GoalId) is null) is { } unknown)
        {
            throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no goal with id {unknown.GoalId}.", StatusCodes.Status404NotFound);
        }

        return new PlanReviewed(plan.Id, plan.ClientId, review.ReviewedOn, review.Goals, review.NextReviewOn, by, now);
    }

    public static RouteHandlerBuilder MapReviewPlan(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/plans/{planId:guid}/reviews", HandleAsync)
            .WithName("ReviewPlan")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid planId, ReviewPlanRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, http.Now()),
            review => session.WritePlanAsync(http, clientId, planId, plan => Decide(plan, review, http.Actor(), http.Now()), cancellationToken));
}
