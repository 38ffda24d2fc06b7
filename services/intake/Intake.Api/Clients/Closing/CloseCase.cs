using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Closing;

internal sealed record CloseCaseRequest(CaseOutcome? Outcome, string? Note);

/// <summary>
/// <c>POST /clients/{id}/close</c>: a case opens on registration and closes with an outcome; it can
/// be reopened (needs surface months later).
/// </summary>
internal static class ClosingCase
{
    public static FieldErrors Validate(CloseCaseRequest request)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome");
        }

        errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static CaseClosed Decide(Client client, CloseCaseRequest request, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is already closed.", new Dictionary<string, object?> { ["status"] = client.Case.Status });
        }

        return new CaseClosed(client.Id, request.Outcome!.Value, ClientValidation.Trimmed(request.Note), by, now);
    }

    public static RouteHandlerBuilder MapCloseCase(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/close", HandleAsync)
            .WithName("CloseCase")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, CloseCaseRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
