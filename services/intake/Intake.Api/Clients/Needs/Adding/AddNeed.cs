using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Needs.Adding;

internal sealed record AddNeedRequest(NeedDomain? Domain, Priority? Priority, string? Description);

/// <summary>A need as parsed: its domain, priority and description.</summary>
internal sealed record AddNeed(NeedDomain Domain, Priority Priority, string Description);

public sealed record NeedRecorded(Guid NeedId);

/// <summary>
/// <c>POST /clients/{id}/needs</c>: a need assessed in one domain. Needs are handled in parallel,
/// each with its own id for referrals to point at.
/// </summary>
internal static class AddingNeed
{
    public static Parsed<AddNeed> Parse(AddNeedRequest request)
    {
        var errors = new FieldErrors();
        var domain = errors.Require("domain", request.Domain);
        var priority = errors.Require("priority", request.Priority, NeedRules.PriorityRequired);
        var description = errors.RequireText("description", request.Description, ClientValidation.MaxNoteLength);
        return errors.Any || (domain, priority, description) is not ({ } area, { } urgency, { } text) ? errors : new AddNeed(area, urgency, text);
    }

    public static NeedAdded Decide(Client client, Guid needId, AddNeed need, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is closed; reopen it before adding needs.");
        }

        return new NeedAdded(client.Id, needId, need.Domain, need.Priority, need.Description, by, now);
    }

    public static RouteHandlerBuilder MapAddNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs", HandleAsync)
            .WithName("AddNeed")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<CreatedResult<NeedRecorded>>> HandleAsync(Guid clientId, AddNeedRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            (request, need) => session.AddToClientAsync(http, clientId, "AddNeed", request,
                (client, needId) => Decide(client, needId, need, http.Actor(), http.Now()), needId => new NeedRecorded(needId), cancellationToken));
}
