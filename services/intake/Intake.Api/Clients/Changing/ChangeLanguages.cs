using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Changing;

/// <summary>Body of <c>PUT /clients/{id}/languages</c>: languages, the preferred one, and whether an interpreter is needed.</summary>
internal sealed record ChangeLanguagesRequest(IReadOnlyList<LanguageSkillRequest>? Languages, string? PreferredLanguage, bool? InterpreterRequired);

internal static class ChangingLanguages
{
    public static FieldErrors Validate(ChangeLanguagesRequest request)
    {
        var errors = new FieldErrors();
        if (request.Languages is null)
        {
            errors.Required("languages", "This field is required (an empty list is allowed).");
        }

        ClientValidation.Languages(errors, request.Languages, request.PreferredLanguage);
        return errors;
    }

    public static LanguagesChanged Decide(Client client, ChangeLanguagesRequest request, string by, DateTimeOffset now)
    {
        return new LanguagesChanged(client.Id, ClientValidation.ToLanguages(request.Languages), request.PreferredLanguage?.ToLowerInvariant(),
            request.InterpreterRequired ?? client.InterpreterRequired, by, now);
    }

    public static RouteHandlerBuilder MapChangeLanguages(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/languages", HandleAsync)
            .WithName("ChangeLanguages")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, ChangeLanguagesRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
