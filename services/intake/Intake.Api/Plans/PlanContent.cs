using Integration.Intake.Clients;
using Integration.Intake.Directory;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Plans;

internal sealed record PlanGoalRequest(Guid? GoalId, Guid? NeedId, NeedDomain? Domain, string? Description, string? Indicator);

internal sealed record ResponsibleRequest(ResponsibleKind? Kind, Guid? OrganisationId);

/// <summary>An action of the plan; <see cref="Goal"/> is the index of its goal in the request's <c>goals</c>.</summary>
internal sealed record PlanActionRequest(Guid? ActionId, int? Goal, string? Description, ResponsibleRequest? Responsible, DateOnly? DueOn);

/// <summary>
/// The content of a plan, as <c>POST /clients/{id}/plans</c> creates it and <c>PUT …/plans/{planId}</c>
/// replaces it. Goals and actions may carry the ids they already have, so that a new version keeps
/// each goal's progress and each action's completion.
/// </summary>
internal sealed record PlanContentRequest(DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<PlanGoalRequest?>? Goals, IReadOnlyList<PlanActionRequest?>? Actions);

public sealed record PlanContent(DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions);

/// <summary>The rules every plan's content follows, checked before anything is stored.</summary>
internal static class PlanContentRules
{
    public const int MaxGoals = 20;
    public const int MaxActions = 60;
    public const int MaxIndicatorLength = 500;

    public static FieldErrors Validate(PlanContentRequest request)
    {
        var errors = new FieldErrors();
        if (request.StartsOn is not { } startsOn)
        {
            errors.Required("startsOn", "This field is required (yyyy-mm-dd).");
        }
        else if (request.EndsOn is not { } endsOn)
        {
            errors.Required("endsOn", "This field is required (yyyy-mm-dd).");
        }
        else if (endsOn <= startsOn)
        {
            errors.Add("endsOn", "The plan must end after it starts.");
        }
        else if (endsOn > startsOn.AddMonths(Plan.MaxMonths))
        {
            errors.Add("endsOn", $"A plan lasts at most {Plan.MaxMonths} months: end on {startsOn.AddMonths(Plan.MaxMonths):yyyy-MM-dd} at the latest.");
        }

        if (request.EndsOn is null && request.StartsOn is null)
        {
            errors.Required("endsOn", "This field is required (yyyy-mm-dd).");
        }

        var goals = request.Goals ?? [];
        if (goals.Count == 0)
        {
            errors.Add("goals", "A plan has at least one goal.");
        }
        else if (goals.Count > MaxGoals)
        {
            errors.Add("goals", $"At most {MaxGoals} goals.");
        }

        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            if (goal?.Domain is null)
            {
                errors.Required($"goals[{i}].domain", "This field is required (a need domain such as housing or employment).");
            }

            errors.RequireText($"goals[{i}].description", goal?.Description, ClientValidation.MaxNoteLength);
            errors.OptionalText($"goals[{i}].indicator", goal?.Indicator, MaxIndicatorLength);
        }

        var actions = request.Actions ?? [];
        if (actions.Count > MaxActions)
        {
            errors.Add("actions", $"At most {MaxActions} actions.");
        }

        var datesInOrder = request.StartsOn < request.EndsOn;
        for (var i = 0; i < actions.Count; i++)
        {
            ValidateAction(errors, $"actions[{i}].", actions[i], goals.Count, datesInOrder ? request.StartsOn : null, datesInOrder ? request.EndsOn : null);
        }

        Unique(errors, "goals", goals.Select(goal => goal?.GoalId));
        Unique(errors, "actions", actions.Select(action => action?.ActionId));
        return errors;
    }

    /// <summary>
    /// Turns a valid request into the plan's content: needs must be the client's (404 otherwise),
    /// partner organisations ones the directory knows (400 on the field otherwise), and ids given
    /// for goals and actions ones the plan already has (404 otherwise); new ones get fresh ids.
    /// </summary>
    public static async Task<(PlanContent? Content, FieldErrors Errors)> BuildAsync(PlanContentRequest request, Client client, Plan? current,
        IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var actions = request.Actions ?? [];
        var organisationIds = actions.Select(action => action!.Responsible!.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var known = organisationIds.Length == 0 ? []
            : (await session.LoadManyAsync<KnownOrganisation>(cancellationToken, organisationIds)).Select(organisation => organisation.Id).ToHashSet();
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i]!.Responsible!.OrganisationId is { } organisationId && !known.Contains(organisationId))
            {
                errors.Add($"actions[{i}].responsible.organisationId", "No partner organisation with this id in the directory.");
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var goals = request.Goals!.Select(goal =>
        {
            if (goal!.NeedId is { } needId && client.FindNeed(needId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The client has no need with id {needId}.", StatusCodes.Status404NotFound);
            }

            if (goal.GoalId is { } goalId && current?.FindGoal(goalId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no goal with id {goalId}.", StatusCodes.Status404NotFound);
            }

            return new PlanGoal(goal.GoalId ?? Guid.CreateVersion7(clock.GetUtcNow()), goal.NeedId, goal.Domain!.Value, goal.Description!.Trim(),
                ClientValidation.Trimmed(goal.Indicator));
        }).ToList();
        var planActions = actions.Select(action =>
        {
            if (action!.ActionId is { } actionId && current?.FindAction(actionId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no action with id {actionId}.", StatusCodes.Status404NotFound);
            }

            var responsible = action.Responsible!;
            return new PlanAction(action.ActionId ?? Guid.CreateVersion7(clock.GetUtcNow()), goals[action.Goal!.Value].GoalId, action.Description!.Trim(),
                new Responsible(responsible.Kind!.Value, responsible.Kind == ResponsibleKind.Organisation ? responsible.OrganisationId : null),
                action.DueOn!.Value);
        }).ToList();
        return (new PlanContent(request.StartsOn!.Value, request.EndsOn!.Value, goals, planActions), errors);
    }

    private static void ValidateAction(FieldErrors errors, string prefix, PlanActionRequest? action, int goalCount, DateOnly? startsOn, DateOnly? endsOn)
    {
        if (action?.Goal is not { } goal || goal < 0 || goal >= goalCount)
        {
            errors.Add($"{prefix}goal", "The index of the action's goal in goals (0 for the first).");
        }

        errors.RequireText($"{prefix}description", action?.Description, ClientValidation.MaxNoteLength);
        if (action?.Responsible?.Kind is not { } kind)
        {
            errors.Required($"{prefix}responsible.kind", "This field is required (client, caseworker, organisation).");
        }
        else if (kind == ResponsibleKind.Organisation && action.Responsible.OrganisationId is null)
        {
            errors.Add($"{prefix}responsible.organisationId", "Name the partner organisation responsible.");
        }

        if (action?.DueOn is not { } dueOn)
        {
            errors.Required($"{prefix}dueOn", "This field is required (yyyy-mm-dd).");
        }
        else if (startsOn is { } start && endsOn is { } end && (dueOn < start || dueOn > end))
        {
            errors.Add($"{prefix}dueOn", "An action falls due within the plan's dates.");
        }
    }

    private static void Unique(FieldErrors errors, string field, IEnumerable<Guid?> ids)
    {
        if (ids.OfType<Guid>().GroupBy(id => id).Any(group => group.Count() > 1))
        {
            errors.Add(field, "Each id may appear once.");
        }
    }
}
