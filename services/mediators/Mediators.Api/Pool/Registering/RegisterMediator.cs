using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Pool.Registering;

internal sealed record LanguageRequest(string? Code, string? Dialect);

internal sealed record RegisterMediatorRequest(
    string? Name, IReadOnlyList<LanguageRequest>? Languages, IReadOnlyList<Specialism>? Specialisms, IReadOnlyList<MediationMode>? Modes,
    Guid? OrganisationId, string? UserId);

/// <summary>
/// A registration as parsed: the name, languages (dialects trimmed) and modes a mediator must have, and the
/// optional specialisms, organisation and user id (trimmed), each as sent.
/// </summary>
internal sealed record RegisterMediator(
    string Name, IReadOnlyList<MediatorLanguage> Languages, IReadOnlyList<Specialism> Specialisms, IReadOnlyList<MediationMode> Modes,
    Guid? OrganisationId, string? UserId);

public sealed record MediatorCreated(Guid MediatorId);

/// <summary><c>POST /mediators</c>: a coordinator adds a mediator to the pool, with the languages (and dialects) they mediate, specialisms and modes.</summary>
internal static class RegisteringMediator
{
    private const int MaxLanguages = 20;

    public static Parsed<RegisterMediator> Parse(RegisterMediatorRequest request)
    {
        var errors = new FieldErrors();
        var name = errors.RequireText("name", request.Name, MediatorEndpoints.MaxNameLength);
        var languages = request.Languages ?? [];
        if (languages.Count == 0)
        {
            errors.Add("languages", "At least one language: a mediator is booked by language.");
        }
        else if (languages.Count > MaxLanguages)
        {
            errors.Add("languages", $"At most {MaxLanguages} languages.");
        }

        var mediated = new List<MediatorLanguage>(languages.Count);
        for (var index = 0; index < languages.Count; index++)
        {
            if (languages[index] is not { Code: { } code } language || !IsoCodes.IsLanguage(code))
            {
                errors.Add($"languages[{index}].code", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
                continue;
            }

            mediated.Add(new MediatorLanguage(code, errors.OptionalText($"languages[{index}].dialect", language.Dialect, MediatorEndpoints.MaxDialectLength)));
        }

        if (request.Modes is not { Count: > 0 })
        {
            errors.Add("modes", $"At least one of: {VocabularyNames.List<MediationMode>()}.");
        }

        var userId = errors.OptionalText("userId", request.UserId, MediatorEndpoints.MaxNameLength);
        return errors.Any || (name, request.Modes) is not ({ } named, { } modes)
            ? errors
            : new RegisterMediator(named, mediated, request.Specialisms ?? [], modes, request.OrganisationId, userId);
    }

    public static MediatorRegistered Decide(Guid id, RegisterMediator registration, string by, DateTimeOffset now) =>
        new(id, registration.Name, [.. registration.Languages.Distinct()], [.. registration.Specialisms.Distinct()], [.. registration.Modes.Distinct()],
            registration.OrganisationId, registration.UserId, by, now);

    public static RouteHandlerBuilder MapRegisterMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/", HandleAsync)
            .WithName("RegisterMediator")
            .RequireAuthorization(MediatorsRoles.Coordination);

    private static async Task<CreateResult<MediatorCreated>> HandleAsync(RegisterMediatorRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var registration, out var errors))
        {
            return errors.ToProblem();
        }

        return await session.StartAsync<Mediator, MediatorCreated>(http, "register-mediator", request,
            id => Decide(id, registration, http.User.Actor(), http.Now()),
            id => $"/mediators/{id}", id => new MediatorCreated(id), cancellationToken);
    }
}
