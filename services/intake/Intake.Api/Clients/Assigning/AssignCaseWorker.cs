using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Assigning;

internal sealed record CaseWorkerRequest(string? Id, string? Name);

/// <summary>Body of <c>POST /clients/{id}/assign</c>: who is responsible from now on; a reassignment says why.</summary>
internal sealed record AssignCaseWorkerRequest(CaseWorkerRequest? CaseWorker, string? Reason);

/// <summary>An assignment as parsed: the case worker, and the reason for a handover when one is given.</summary>
internal sealed record AssignCaseWorker(StaffMember CaseWorker, string? Reason);

/// <summary>
/// Every case has one responsible case worker, so that staff turnover does not leave a family with
/// nobody: the first assignment needs no reason, handing the case to someone else does.
/// </summary>
internal static class AssigningCaseWorker
{
    public static Parsed<AssignCaseWorker> Parse(AssignCaseWorkerRequest request)
    {
        var errors = new FieldErrors();
        var caseWorker = CaseWorker(errors, request.CaseWorker);
        var reason = errors.OptionalText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || caseWorker is not { } assigned ? errors : new AssignCaseWorker(assigned, reason);
    }

    public static CaseWorkerAssigned Decide(Client client, AssignCaseWorker assignment, string by, DateTimeOffset now)
    {
        var caseWorker = assignment.CaseWorker;
        if (client.CaseWorker?.Id == caseWorker.Id)
        {
            throw DomainRuleViolated.Conflict("already_assigned", $"{client.CaseWorker.Name} is already responsible for this case.");
        }

        if (client.CaseWorker is not null && assignment.Reason is null)
        {
            throw DomainRuleViolated.OnField("reason_required", "reason", $"The case is assigned to {client.CaseWorker.Name}; say why it is handed over.");
        }

        return new CaseWorkerAssigned(client.Id, caseWorker, assignment.Reason, by, now);
    }

    public static RouteHandlerBuilder MapAssignCaseWorker(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/assign", HandleAsync)
            .WithName("AssignCaseWorker")
            .RequireAuthorization(IntakeRoles.Assign);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, AssignCaseWorkerRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            assignment => session.WriteClientAsync(http, clientId, client => Decide(client, assignment, http.Actor(), http.Now()), cancellationToken));

    /// <returns>The case worker, trimmed, when both the id and the name are there.</returns>
    private static StaffMember? CaseWorker(FieldErrors errors, CaseWorkerRequest? caseWorker)
    {
        if (caseWorker is null)
        {
            errors.Required("caseWorker", "This field is required ({id, name}).");
            return null;
        }

        var id = errors.RequireText("caseWorker.id", caseWorker.Id, ClientValidation.MaxTextLength);
        var name = errors.RequireText("caseWorker.name", caseWorker.Name, ClientValidation.MaxTextLength);
        return (id, name) is ({ } staffId, { } staffName) ? new StaffMember(staffId, staffName) : null;
    }
}
