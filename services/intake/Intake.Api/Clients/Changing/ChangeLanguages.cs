using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Changing;

/// <summary>Body of <c>PUT /clients/{id}/languages</c>: languages, the preferred one, and whether an interpreter is needed.</summary>
internal sealed record ChangeLanguagesRequest(IReadOnlyList<LanguageSkillRequest>? Languages, string? PreferredLanguage, bool? InterpreterRequired);

/// <summary>
/// A languages change as parsed: the languages and the preferred one as stored, and whether an
/// interpreter is needed (null keeps what the client has).
/// </summary>
internal sealed record ChangeLanguages(IReadOnlyList<LanguageSkill> Languages, string? PreferredLanguage, bool? InterpreterRequired);

internal static class ChangingLanguages
{
    public static Parsed<ChangeLanguages> Parse(ChangeLanguagesRequest request)
    {
        var errors = new FieldErrors();
        if (request.Languages is null)
        {
            errors.Required("languages", "This field is required (an empty list is allowed).");
        }

        ClientValidation.Languages(errors, request.Languages, request.PreferredLanguage);
        return errors.Any
            ? errors
            : new ChangeLanguages(ClientValidation.ToLanguages(request.Languages), request.PreferredLanguage?.ToLowerInvariant(), request.InterpreterRequired);
    }

    public static LanguagesChanged Decide(Client client, ChangeLanguages change, string by, DateTimeOffset now)
    {
        return new LanguagesChanged(client.Id, change.Languages, change.PreferredLanguage, change.InterpreterRequired ?? client.InterpreterRequired, by, now);
    }

    public static RouteHandlerBuilder MapChangeLanguages(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/languages", HandleAsync)
            .WithName("ChangeLanguages")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, ChangeLanguagesRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            change => session.WriteClientAsync(http, clientId, client => Decide(client, change, http.Actor(), http.Now()), cancellationToken));
}
