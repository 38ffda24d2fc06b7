using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Needs.Resolving;

internal sealed record ResolveNeedRequest(NeedOutcome? Outcome, string? Note);

/// <summary><c>POST /clients/{id}/needs/{needId}/resolve</c>: an open need ends with an outcome.</summary>
internal static class ResolvingNeed
{
    public static FieldErrors Validate(ResolveNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome", "This field is required (met, partially_met, not_met, no_longer_needed, referred_elsewhere).");
        }

        errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static NeedResolved Decide(Client client, Guid needId, ResolveNeedRequest request, string by, DateTimeOffset now)
    {
        NeedRules.RequireOpen(client, needId);
        return new NeedResolved(client.Id, needId, request.Outcome!.Value, ClientValidation.Trimmed(request.Note), by, now);
    }

    public static RouteHandlerBuilder MapResolveNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs/{needId:guid}/resolve", HandleAsync)
            .WithName("ResolveNeed")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, Guid needId, ResolveNeedRequest? body, IDocumentSession session,
        HttpContext http, CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, needId, request, http.Actor(), http.Now()),
                cancellationToken));
}
