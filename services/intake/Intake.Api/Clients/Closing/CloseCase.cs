using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Closing;

internal sealed record CloseCaseRequest(CaseOutcome? Outcome, string? Note);

/// <summary>A case closing as parsed: the outcome, and the note when there is one.</summary>
internal sealed record CloseCase(CaseOutcome Outcome, string? Note);

/// <summary>
/// <c>POST /clients/{id}/close</c>: a case opens on registration and closes with an outcome; it can
/// be reopened (needs surface months later).
/// </summary>
internal static class ClosingCase
{
    public static Parsed<CloseCase> Parse(CloseCaseRequest request)
    {
        var errors = new FieldErrors();
        var outcome = errors.Require("outcome", request.Outcome);
        var note = errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors.Any || outcome is not { } given ? errors : new CloseCase(given, note);
    }

    public static CaseClosed Decide(Client client, CloseCase closing, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is already closed.", new Dictionary<string, object?> { ["status"] = client.Case.Status });
        }

        return new CaseClosed(client.Id, closing.Outcome, closing.Note, by, now);
    }

    public static RouteHandlerBuilder MapCloseCase(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/close", HandleAsync)
            .WithName("CloseCase")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, CloseCaseRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            closing => session.WriteClientAsync(http, clientId, client => Decide(client, closing, http.Actor(), http.Now()), cancellationToken));
}
