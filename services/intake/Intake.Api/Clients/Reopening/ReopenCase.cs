using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Reopening;

internal sealed record ReopenCaseRequest(string? Reason);

/// <summary>A reopening as parsed: the reason.</summary>
internal sealed record ReopenCase(string Reason);

/// <summary><c>POST /clients/{id}/reopen</c>: a closed case opens again, with the reason (a need surfaced months later).</summary>
internal static class ReopeningCase
{
    public static Parsed<ReopenCase> Parse(ReopenCaseRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || reason is not { } why ? errors : new ReopenCase(why);
    }

    public static CaseReopened Decide(Client client, ReopenCase reopening, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Open)
        {
            throw DomainRuleViolated.Conflict("case_open", "The case is open; only a closed case can be reopened.",
                new Dictionary<string, object?> { ["status"] = client.Case.Status });
        }

        return new CaseReopened(client.Id, reopening.Reason, by, now);
    }

    public static RouteHandlerBuilder MapReopenCase(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/reopen", HandleAsync)
            .WithName("ReopenCase")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, ReopenCaseRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            reopening => session.WriteClientAsync(http, clientId, client => Decide(client, reopening, http.Actor(), http.Now()), cancellationToken));
}
