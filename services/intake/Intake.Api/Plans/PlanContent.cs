using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Directory;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Plans;

internal sealed record PlanGoalRequest(Guid? GoalId, Guid? NeedId, NeedDomain? Domain, string? Description, string? Indicator);

internal sealed record ResponsibleRequest(ResponsibleKind? Kind, Guid? OrganisationId);

/// <summary>An action of the plan; <see cref="Goal"/> is the index of its goal in the request's <c>goals</c>.</summary>
internal sealed record PlanActionRequest(Guid? ActionId, int? Goal, string? Description, ResponsibleRequest? Responsible, DateOnly? DueOn)
{
    /// <summary>The code of the funding stream that pays for the action; it must run on the day the action falls due.</summary>
    public string? FundingStream { get; init; }
}

/// <summary>
/// The content of a plan, as <c>POST /clients/{id}/plans</c> creates it and <c>PUT …/plans/{planId}</c>
/// replaces it. Goals and actions may carry the ids they already have, so that a new version keeps
/// each goal's progress and each action's completion.
/// </summary>
internal sealed record PlanContentRequest(DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<PlanGoalRequest?>? Goals, IReadOnlyList<PlanActionRequest?>? Actions);

/// <summary>
/// A plan's content as parsed, to draft a plan or revise one: its dates, goals and actions, before
/// <see cref="PlanContentRules.BuildAsync"/> checks the needs, organisations and ids they name.
/// </summary>
internal sealed record SetPlanContent(DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<ParsedPlanGoal> Goals, IReadOnlyList<ParsedPlanAction> Actions);

/// <summary>A goal as parsed; <see cref="GoalId"/> is there when the goal is one the plan already has.</summary>
internal sealed record ParsedPlanGoal(Guid? GoalId, Guid? NeedId, NeedDomain Domain, string Description, string? Indicator);

/// <summary>
/// An action as parsed; <see cref="Goal"/> is the index of its goal, and <see cref="OrganisationId"/> is
/// the one the request names, checked against the directory whoever is responsible.
/// </summary>
internal sealed record ParsedPlanAction(Guid? ActionId, int Goal, string Description, ResponsibleKind Kind, Guid? OrganisationId, DateOnly DueOn,
    string? FundingStream);

public sealed record PlanContent(DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions);

/// <summary>The rules every plan's content follows, checked before anything is stored.</summary>
internal static class PlanContentRules
{
    public const int MaxGoals = 20;
    public const int MaxActions = 60;
    public const int MaxIndicatorLength = 500;

    public static Parsed<SetPlanContent> Parse(PlanContentRequest request)
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

        var parsedGoals = new List<ParsedPlanGoal>();
        for (var i = 0; i < goals.Count; i++)
        {
            if (ParseGoal(errors, $"goals[{i}].", goals[i]) is { } goal)
            {
                parsedGoals.Add(goal);
            }
        }

        var actions = request.Actions ?? [];
        if (actions.Count > MaxActions)
        {
            errors.Add("actions", $"At most {MaxActions} actions.");
        }

        var datesInOrder = request.StartsOn < request.EndsOn;
        var parsedActions = new List<ParsedPlanAction>();
        for (var i = 0; i < actions.Count; i++)
        {
            if (ParseAction(errors, $"actions[{i}].", actions[i], goals.Count, datesInOrder ? request.StartsOn : null, datesInOrder ? request.EndsOn : null)
                is { } action)
            {
                parsedActions.Add(action);
            }
        }

        Unique(errors, "goals", goals.Select(goal => goal?.GoalId));
        Unique(errors, "actions", actions.Select(action => action?.ActionId));
        return errors.Any || (request.StartsOn, request.EndsOn) is not ({ } starts, { } ends)
            ? errors
            : new SetPlanContent(starts, ends, parsedGoals, parsedActions);
    }

    /// <summary>
    /// Turns parsed content into the plan's content: needs must be the client's (404 otherwise),
    /// partner organisations ones the directory knows and funding streams ones that run on the day the
    /// action falls due (400 on the field otherwise), and ids given for goals and actions ones the plan
    /// already has (404 otherwise); new ones get fresh ids.
    /// </summary>
    public static async Task<(PlanContent? Content, FieldErrors Errors)> BuildAsync(SetPlanContent submitted, Client client, Plan? current,
        IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = await KnownOrganisations.CheckAsync(session,
            [.. submitted.Actions.Select((action, i) => (Field: $"actions[{i}].responsible.organisationId", action.OrganisationId))
                .Where(named => named.OrganisationId is not null).Select(named => (named.Field, named.OrganisationId!.Value))],
            cancellationToken);
        var paidBy = new Dictionary<int, string>();
        for (var i = 0; i < submitted.Actions.Count; i++)
        {
            var action = submitted.Actions[i];
            if (await FundingStreamCodes.CheckAsync<KnownFundingStream>(session, errors, $"actions[{i}].fundingStream", action.FundingStream, action.DueOn,
                    cancellationToken) is { } stream)
            {
                paidBy[i] = stream.Code;
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var goals = submitted.Goals.Select(goal =>
        {
            if (goal.NeedId is { } needId && client.FindNeed(needId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The client has no need with id {needId}.", StatusCodes.Status404NotFound);
            }

            if (goal.GoalId is { } goalId && current?.FindGoal(goalId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no goal with id {goalId}.", StatusCodes.Status404NotFound);
            }

            return new PlanGoal(goal.GoalId ?? Guid.CreateVersion7(clock.GetUtcNow()), goal.NeedId, goal.Domain, goal.Description, goal.Indicator);
        }).ToList();
        var planActions = submitted.Actions.Select((action, index) =>
        {
            if (action.ActionId is { } actionId && current?.FindAction(actionId) is null)
            {
                throw new DomainRuleViolated(ProblemCodes.NotFound, $"The plan has no action with id {actionId}.", StatusCodes.Status404NotFound);
            }

            return new PlanAction(action.ActionId ?? Guid.CreateVersion7(clock.GetUtcNow()), goals[action.Goal].GoalId, action.Description,
                new Responsible(action.Kind, action.Kind == ResponsibleKind.Organisation ? action.OrganisationId : null), action.DueOn)
            {
                FundingStream = paidBy.GetValueOrDefault(index),
            };
        }).ToList();
        return (new PlanContent(submitted.StartsOn, submitted.EndsOn, goals, planActions), errors);
    }

    /// <returns>The goal when its domain and description are there.</returns>
    private static ParsedPlanGoal? ParseGoal(FieldErrors errors, string prefix, PlanGoalRequest? goal)
    {
        var domain = errors.Require($"{prefix}domain", goal?.Domain, "This field is required (a need domain such as housing or employment).");
        var description = errors.RequireText($"{prefix}description", goal?.Description, ClientValidation.MaxNoteLength);
        var indicator = errors.OptionalText($"{prefix}indicator", goal?.Indicator, MaxIndicatorLength);
        return (goal, domain, description) is ({ } given, { } area, { } text) ? new ParsedPlanGoal(given.GoalId, given.NeedId, area, text, indicator) : null;
    }

    /// <returns>The action when its goal, description, responsible kind and due date are there.</returns>
    private static ParsedPlanAction? ParseAction(FieldErrors errors, string prefix, PlanActionRequest? action, int goalCount, DateOnly? startsOn,
        DateOnly? endsOn)
    {
        var goal = action?.Goal is { } index && index >= 0 && index < goalCount ? index : (int?)null;
        if (goal is null)
        {
            errors.Add($"{prefix}goal", "The index of the action's goal in goals (0 for the first).");
        }

        var description = errors.RequireText($"{prefix}description", action?.Description, ClientValidation.MaxNoteLength);
        var kind = errors.Require($"{prefix}responsible.kind", action?.Responsible?.Kind, "This field is required (client, caseworker, organisation).");
        if (kind == ResponsibleKind.Organisation && action?.Responsible?.OrganisationId is null)
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

        return (action, goal, description, kind) is ({ DueOn: { } due } given, { } goalIndex, { } text, { } responsibleKind)
            ? new ParsedPlanAction(given.ActionId, goalIndex, text, responsibleKind, given.Responsible?.OrganisationId, due, given.FundingStream)
            : null;
    }

    private static void Unique(FieldErrors errors, string field, IEnumerable<Guid?> ids)
    {
        if (ids.OfType<Guid>().GroupBy(id => id).Any(group => group.Count() > 1))
        {
            errors.Add(field, "Each id may appear once.");
        }
    }
}
