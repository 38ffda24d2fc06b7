using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Mediators.Pool;

public sealed record LanguageRequest(string? Code, string? Dialect);

public sealed record RegisterMediatorRequest(
    string? Name, IReadOnlyList<LanguageRequest>? Languages, IReadOnlyList<Specialism>? Specialisms, IReadOnlyList<MediationMode>? Modes,
    Guid? OrganisationId, string? UserId);

public sealed record WeeklySlotRequest(int? DayOfWeek, string? From, string? To);

public sealed record AvailabilityExceptionRequest(DateOnly? Date, string? From, string? To, bool? Available);

public sealed record AvailabilityRequest(string? TimeZone, IReadOnlyList<WeeklySlotRequest>? Weekly, IReadOnlyList<AvailabilityExceptionRequest>? Exceptions);

public sealed record DeactivateRequest(string? Reason);

public sealed record MediatorCreated(Guid MediatorId);

public static class MediatorEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxDialectLength = 60;
    public const int MaxReasonLength = 2000;
    private const int MaxLanguages = 20;
    private const int MaxSlots = 70;
    private const int MaxExceptions = 400;

    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Snapshot<Mediator>(SnapshotLifecycle.Inline);
        options.Schema.For<Mediator>()
            .Duplicate(mediator => mediator.Name)
            .Duplicate(mediator => mediator.Active)
            .GinIndexJsonData();
    }

    public static FieldErrors Validate(RegisterMediatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.RequireText("name", request.Name, MaxNameLength);
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

            errors.OptionalText($"languages[{index}].dialect", language.Dialect, MaxDialectLength);
        }

        if (request.Modes is not { Count: > 0 })
        {
            errors.Add("modes", $"At least one of: {VocabularyNames.List<MediationMode>()}.");
        }

        errors.OptionalText("userId", request.UserId, MaxNameLength);
        return errors;
    }

    public static FieldErrors Validate(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.TimeZone("timeZone", request.TimeZone);

        var weekly = request.Weekly ?? [];
        if (weekly.Count > MaxSlots)
        {
            errors.Add("weekly", $"At most {MaxSlots} weekly slots.");
        }

        for (var index = 0; index < weekly.Count; index++)
        {
            var field = $"weekly[{index}]";
            if (weekly[index] is not { } slot)
            {
                errors.Add(field, "A slot is {dayOfWeek, from, to}.");
                continue;
            }

            if (slot.DayOfWeek is not (>= 1 and <= 7))
            {
                errors.Add($"{field}.dayOfWeek", "1 (Monday) to 7 (Sunday).");
            }

            Window(errors, field, slot.From, slot.To, required: true);
        }

        var exceptions = request.Exceptions ?? [];
        if (exceptions.Count > MaxExceptions)
        {
            errors.Add("exceptions", $"At most {MaxExceptions} exceptions.");
        }

        for (var index = 0; index < exceptions.Count; index++)
        {
            var field = $"exceptions[{index}]";
            if (exceptions[index] is not { } exception)
            {
                errors.Add(field, "An exception is {date, from?, to?, available}.");
                continue;
            }

            if (exception.Date is null)
            {
                errors.Required($"{field}.date");
            }

            if (exception.Available is null)
            {
                errors.Required($"{field}.available", "This field is required: false for leave, true for extra hours.");
            }

            Window(errors, field, exception.From, exception.To, required: exception.Available == true || exception.From is not null || exception.To is not null);
        }

        return errors;
    }

    private static void Window(FieldErrors errors, string field, string? from, string? to, bool required)
    {
        if (!required)
        {
            return;
        }

        var start = LocalTimes.TryParse(from, endOfDayAllowed: false);
        var end = LocalTimes.TryParse(to, endOfDayAllowed: true);
        if (start is null)
        {
            errors.Add($"{field}.from", "A local time HH:mm (00:00–23:59).");
        }

        if (end is null)
        {
            errors.Add($"{field}.to", "A local time HH:mm (00:01–24:00).");
        }

        if (start is not null && end is not null && end <= start)
        {
            errors.Add($"{field}.to", "Later than from (a window ends on the day it starts; use 24:00 for midnight).");
        }
    }

    public static MediatorRegistered Decide(Guid id, RegisterMediatorRequest request, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var languages = request.Languages!
            .Select(language => new MediatorLanguage(language.Code!, string.IsNullOrWhiteSpace(language.Dialect) ? null : language.Dialect.Trim()))
            .Distinct().ToList();
        return new MediatorRegistered(id, request.Name!.Trim(), languages, [.. (request.Specialisms ?? []).Distinct()], [.. request.Modes!.Distinct()],
            request.OrganisationId, string.IsNullOrWhiteSpace(request.UserId) ? null : request.UserId.Trim(), by, now);
    }

    public static WeeklyAvailability ToAvailability(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new WeeklyAvailability(request.TimeZone!,
            [.. (request.Weekly ?? []).Select(slot => new WeeklySlot(slot.DayOfWeek!.Value, slot.From!, slot.To!))],
            [.. (request.Exceptions ?? []).Select(exception => new AvailabilityChange(exception.Date!.Value, exception.From, exception.To,
                exception.Available!.Value))]);
    }

    /// <summary>A mediator sees their own record; another mediator's does not exist for them.</summary>
    public static bool CanSee(System.Security.Claims.ClaimsPrincipal user, Mediator mediator)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(mediator);
        return !user.IsMediatorOnly() || (mediator.UserId is not null && mediator.UserId == user.Actor());
    }

    public static IEndpointRouteBuilder MapMediators(this IEndpointRouteBuilder endpoints)
    {
        var mediators = endpoints.MapGroup("/mediators").WithTags("Mediator pool");
        mediators.MapPost("/", async (RegisterMediatorRequest request, IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = Validate(request);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                return await session.StartAsync<Mediator, RegisterMediatorRequest>(http, "register-mediator", request,
                    id => Task.FromResult<IReadOnlyList<object>>([Decide(id, request, http.User.Actor(), http.Now())]),
                    id => $"/mediators/{id}", id => new MediatorCreated(id), cancellationToken);
            })
            .WithName("RegisterMediator")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces<MediatorCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        mediators.MapGet("/", async (string? language, bool? active, int? page, int? pageSize, IQuerySession session,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                var request = PageRequest.Parse(page, pageSize, errors);
                if (language is not null && !IsoCodes.IsLanguage(language))
                {
                    errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
                }

                if (errors.Any)
                {
                    return (IResult)errors.ToProblem();
                }

                var query = session.Query<Mediator>().AsQueryable();
                if (language is not null)
                {
                    query = query.Where(mediator => mediator.LanguageCodes.Contains(language));
                }

                if (active is { } isActive)
                {
                    query = query.Where(mediator => mediator.Active == isActive);
                }

                return TypedResults.Ok(await query.OrderBy(mediator => mediator.Name).ThenBy(mediator => mediator.Id)
                    .ToPageAsync(request, cancellationToken));
            })
            .WithName("ListMediators")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces<ListPage<Mediator>>()
            .ProducesValidationProblem();

        mediators.MapGet("/{id:guid}", async (Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
            {
                if (await session.LoadAsync<Mediator>(id, cancellationToken) is not { } mediator || !CanSee(http.User, mediator))
                {
                    return StreamWrites.NotFound("No such mediator.");
                }

                http.Response.Headers.ETag = ETags.For(mediator.Version);
                return TypedResults.Ok(mediator);
            })
            .WithName("GetMediator")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator)
            .Produces<Mediator>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        mediators.MapPut("/{id:guid}/availability", async (Guid id, AvailabilityRequest request, IDocumentSession session, HttpContext http,
                FillSignal fill, CancellationToken cancellationToken) =>
            {
                var errors = Validate(request);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                if (await session.LoadAsync<Mediator>(id, cancellationToken) is not { } current || !CanSee(http.User, current))
                {
                    return StreamWrites.NotFound("No such mediator.");
                }

                var availability = ToAvailability(request);
                var result = await session.AppendAsync<Mediator>(http, id,
                    _ => [new AvailabilitySet(id, availability, http.User.Actor(), http.Now())], (_, _) => TypedResults.NoContent(), cancellationToken);
                fill.Raise();
                return result;
            })
            .WithName("SetAvailability")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        mediators.MapPost("/{id:guid}/deactivate", async (Guid id, DeactivateRequest request, IDocumentSession session, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                errors.RequireText("reason", request.Reason, MaxReasonLength);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                return await session.AppendAsync<Mediator>(http, id, mediator => mediator.Active
                        ? [new MediatorDeactivated(id, request.Reason!.Trim(), http.User.Actor(), http.Now())]
                        : throw DomainRuleViolated.Conflict("mediator_inactive", "The mediator is already inactive."),
                    (_, _) => TypedResults.NoContent(), cancellationToken);
            })
            .WithName("DeactivateMediator")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mediators.MapPost("/{id:guid}/activate", async (Guid id, IDocumentSession session, HttpContext http, FillSignal fill,
                CancellationToken cancellationToken) =>
            {
                var result = await session.AppendAsync<Mediator>(http, id, mediator => !mediator.Active
                        ? [new MediatorReactivated(id, http.User.Actor(), http.Now())]
                        : throw DomainRuleViolated.Conflict("mediator_active", "The mediator is already active."),
                    (_, _) => TypedResults.NoContent(), cancellationToken);
                fill.Raise();
                return result;
            })
            .WithName("ActivateMediator")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
