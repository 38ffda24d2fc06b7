using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Assigning;

internal sealed record CaseWorkerRequest(string? Id, string? Name);

/// <summary>Body of <c>POST /clients/{id}/assign</c>: who is responsible from now on; a reassignment says why.</summary>
internal sealed record AssignCaseWorkerRequest(CaseWorkerRequest? CaseWorker, string? Reason);

/// <summary>
/// Every case has one responsible case worker, so that staff turnover does not leave a family with
/// nobody: the first assignment needs no reason, handing the case to someone else does.
/// </summary>
internal static class AssigningCaseWorker
{
    public static FieldErrors Validate(AssignCaseWorkerRequest request)
    {
        var errors = new FieldErrors();
        if (request.CaseWorker is null)
        {
            errors.Required("caseWorker", "This field is required ({id, name}).");
        }
        else
        {
            errors.RequireText("caseWorker.id", request.CaseWorker.Id, ClientValidation.MaxTextLength);
            errors.RequireText("caseWorker.name", request.CaseWorker.Name, ClientValidation.MaxTextLength);
        }

        errors.OptionalText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static CaseWorkerAssigned Decide(Client client, AssignCaseWorkerRequest request, string by, DateTimeOffset now)
    {
        var caseWorker = new StaffMember(request.CaseWorker!.Id!.Trim(), request.CaseWorker.Name!.Trim());
        if (client.CaseWorker?.Id == caseWorker.Id)
        {
            throw DomainRuleViolated.Conflict("already_assigned", $"{client.CaseWorker.Name} is already responsible for this case.");
        }

        var reason = ClientValidation.Trimmed(request.Reason);
        if (client.CaseWorker is not null && reason is null)
        {
            throw DomainRuleViolated.OnField("reason_required", "reason", $"The case is assigned to {client.CaseWorker.Name}; say why it is handed over.");
        }

        return new CaseWorkerAssigned(client.Id, caseWorker, reason, by, now);
    }

    public static RouteHandlerBuilder MapAssignCaseWorker(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/assign", HandleAsync)
            .WithName("AssignCaseWorker")
            .RequireAuthorization(IntakeRoles.Assign)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, AssignCaseWorkerRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
