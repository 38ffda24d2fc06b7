using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Plans;

/// <summary>
/// How the plan endpoints find what they act on: the client under office scoping (404 for another
/// office's, 410 once erased), then the plan, which must be that client's (404 otherwise), changed
/// through <see cref="StreamWrites"/> (If-Match, 409 on a lost race, the new ETag), and the rules they share.
/// </summary>
internal static class PlanWrites
{
    public const string NoSuchPlan = "The client has no plan with this id.";

    /// <summary>Changes a plan of a client the caller may work with; a plan of another client is a 404.</summary>
    public static async Task<WriteResult<NoContent>> WritePlanAsync(this IDocumentSession session, HttpContext http, Guid clientId, Guid planId,
        Func<Plan, object> decide, CancellationToken cancellationToken)
    {
        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        return await session.WriteAsync(http, planId, decide, cancellationToken,
            plan => Task.FromResult(plan.ClientId == clientId ? null : (Refusal)StreamWrites.NotFound(NoSuchPlan)), notFound: NoSuchPlan);
    }

    /// <summary>Null when the caller may work with this client's plan; else the refusal.</summary>
    public static async Task<AccessRefusal?> ClientPlanAsync(IQuerySession session, HttpContext http, Guid clientId, Guid planId, CancellationToken cancellationToken)
    {
        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        return await session.LoadAsync<Plan>(planId, cancellationToken) is { } plan && plan.ClientId == clientId
            ? null
            : (AccessRefusal)StreamWrites.NotFound(NoSuchPlan);
    }

    /// <summary>
    /// A required date of something that already happened (an agreement, a review, an action done);
    /// a day's grace covers offices east of UTC. Returns the date when it is valid.
    /// </summary>
    public static DateOnly? PastDate(FieldErrors errors, string field, DateOnly? date, DateTimeOffset now, string what)
    {
        if (date is not { } day)
        {
            errors.Required(field, "This field is required (yyyy-mm-dd).");
            return null;
        }

        if (day > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            errors.Add(field, $"{what} cannot be dated in the future.");
            return null;
        }

        return day;
    }

    /// <summary>409 <c>plan_closed</c> for a plan that is closed or expired: it takes no more changes.</summary>
    public static void NotOver(Plan plan)
    {
        if (plan.IsOver)
        {
            throw DomainRuleViolated.Conflict("plan_closed", $"The plan is {VocabularyNames.Name(plan.Status)}; start a new plan.",
                new Dictionary<string, object?> { ["status"] = plan.Status });
        }
    }
}
