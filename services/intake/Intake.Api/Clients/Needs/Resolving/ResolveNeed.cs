using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Needs.Resolving;

internal sealed record ResolveNeedRequest(NeedOutcome? Outcome, string? Note);

/// <summary>A resolution as parsed: the outcome, and the note when there is one.</summary>
internal sealed record ResolveNeed(NeedOutcome Outcome, string? Note);

/// <summary><c>POST /clients/{id}/needs/{needId}/resolve</c>: an open need ends with an outcome.</summary>
internal static class ResolvingNeed
{
    public static Parsed<ResolveNeed> Parse(ResolveNeedRequest request)
    {
        var errors = new FieldErrors();
        var outcome = errors.Require("outcome", request.Outcome, "This field is required (met, partially_met, not_met, no_longer_needed, referred_elsewhere).");
        var note = errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors.Any || outcome is not { } given ? errors : new ResolveNeed(given, note);
    }

    public static NeedResolved Decide(Client client, Guid needId, ResolveNeed resolution, string by, DateTimeOffset now)
    {
        NeedRules.RequireOpen(client, needId);
        return new NeedResolved(client.Id, needId, resolution.Outcome, resolution.Note, by, now);
    }

    public static RouteHandlerBuilder MapResolveNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs/{needId:guid}/resolve", HandleAsync)
            .WithName("ResolveNeed")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid needId, ResolveNeedRequest? body, IDocumentSession session,
        HttpContext http, CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            resolution => session.WriteClientAsync(http, clientId, client => Decide(client, needId, resolution, http.Actor(), http.Now()),
                cancellationToken));
}
