using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Needs.Adding;

internal sealed record AddNeedRequest(NeedDomain? Domain, Priority? Priority, string? Description);

public sealed record NeedRecorded(Guid NeedId);

/// <summary>
/// <c>POST /clients/{id}/needs</c>: a need assessed in one domain. Needs are handled in parallel,
/// each with its own id for referrals to point at.
/// </summary>
internal static class AddingNeed
{
    public static FieldErrors Validate(AddNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Domain is null)
        {
            errors.Required("domain");
        }

        if (request.Priority is null)
        {
            errors.Required("priority", NeedRules.PriorityRequired);
        }

        errors.RequireText("description", request.Description, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static NeedAdded Decide(Client client, Guid needId, AddNeedRequest request, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is closed; reopen it before adding needs.");
        }

        return new NeedAdded(client.Id, needId, request.Domain!.Value, request.Priority!.Value, request.Description!.Trim(), by, now);
    }

    public static RouteHandlerBuilder MapAddNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs", HandleAsync)
            .WithName("AddNeed")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesAdd<NeedRecorded>(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, AddNeedRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.AddToClientAsync(http, clientId, "AddNeed", request,
                (client, needId) => Decide(client, needId, request, http.Actor(), http.Now()), needId => new NeedRecorded(needId), cancellationToken));
}
