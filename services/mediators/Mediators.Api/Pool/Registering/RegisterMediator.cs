using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Pool.Registering;

internal sealed record LanguageRequest(string? Code, string? Dialect);

internal sealed record RegisterMediatorRequest(
    string? Name, IReadOnlyList<LanguageRequest>? Languages, IReadOnlyList<Specialism>? Specialisms, IReadOnlyList<MediationMode>? Modes,
    Guid? OrganisationId, string? UserId);

public sealed record MediatorCreated(Guid MediatorId);

/// <summary><c>POST /mediators</c>: a coordinator adds a mediator to the pool, with the languages (and dialects) they mediate, specialisms and modes.</summary>
internal static class RegisteringMediator
{
    private const int MaxLanguages = 20;

    public static FieldErrors Validate(RegisterMediatorRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("name", request.Name, MediatorEndpoints.MaxNameLength);
        var languages = request.Languages ?? [];
        if (languages.Count == 0)
        {
            errors.Add("languages", "At least one language: a mediator is booked by language.");
        }
        else if (languages.Count > MaxLanguages)
        {
            errors.Add("languages", $"At most {MaxLanguages} languages.");
        }

        for (var index = 0; index < languages.Count; index++)
        {
            if (languages[index] is not { } language || !IsoCodes.IsLanguage(language.Code))
            {
                errors.Add($"languages[{index}].code", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
                continue;
            }

            errors.OptionalText($"languages[{index}].dialect", language.Dialect, MediatorEndpoints.MaxDialectLength);
        }

        if (request.Modes is not { Count: > 0 })
        {
            errors.Add("modes", $"At least one of: {VocabularyNames.List<MediationMode>()}.");
        }

        errors.OptionalText("userId", request.UserId, MediatorEndpoints.MaxNameLength);
        return errors;
    }

    public static MediatorRegistered Decide(Guid id, RegisterMediatorRequest request, string by, DateTimeOffset now)
    {
        var languages = request.Languages!
            .Select(language => new MediatorLanguage(language.Code!, string.IsNullOrWhiteSpace(language.Dialect) ? null : language.Dialect.Trim()))
            .Distinct().ToList();
        return new MediatorRegistered(id, request.Name!.Trim(), languages, [.. (request.Specialisms ?? []).Distinct()], [.. request.Modes!.Distinct()],
            request.OrganisationId, string.IsNullOrWhiteSpace(request.UserId) ? null : request.UserId.Trim(), by, now);
    }

    public static RouteHandlerBuilder MapRegisterMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/", HandleAsync)
            .WithName("RegisterMediator")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces<MediatorCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(RegisterMediatorRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await session.StartAsync<Mediator>(http, "register-mediator", request,
            id => Decide(id, request, http.User.Actor(), http.Now()),
            id => $"/mediators/{id}", id => new MediatorCreated(id), cancellationToken);
    }
}
