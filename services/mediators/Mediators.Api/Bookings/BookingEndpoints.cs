using System.Security.Claims;
using Integration.Eventing;
using Integration.Mediators.Bookings.FindingFreeSlots;
using Integration.Mediators.Bookings.Withdrawing;
using Integration.Mediators.Clients;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Bookings;

public sealed record BookingRequest(
    string? Language, string? Dialect, Specialism? Specialism, DateTimeOffset? Start, int? DurationMinutes, DateTimeOffset? End,
    MediationMode? Mode, string? Location, Guid? ClientId, Guid? ReferralId);

public sealed record CancelRequest(string? Reason);

public sealed record CompleteRequest(int? ActualMinutes);

/// <summary>The body of a command that needs none (confirm, no-show).</summary>
public sealed record NoDetails;

/// <summary>What a booking request got: a mediator, or <c>unfilled</c>.</summary>
public sealed record BookingCreated(Guid BookingId, BookingStatus Status, Guid? MediatorId, string? MediatorName, bool DialectMatched);

/// <summary>Wakes the <see cref="FillSweep"/> when a mediator may have become free for an unfilled booking.</summary>
public sealed class FillSignal : SweepSignal;

public static class BookingEndpoints
{
    public const int MinDurationMinutes = 10;
    public const int MaxDurationMinutes = 480;
    public const int MaxActualMinutes = 720;
    public const int MaxTextLength = 2000;

    /// <summary>A year ahead at most: a start further out is almost always a mistyped year.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>How often a booking decision is taken again when another booking took the mediator meanwhile.</summary>
    private const int BookingAttempts = 20;

    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Snapshot<Booking>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        options.Projections.Snapshot<MediatorDay>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        options.Schema.For<Booking>()
            .Duplicate(booking => booking.Start)
            .Duplicate(booking => booking.Status)
            .Duplicate(booking => booking.Language)
            .Duplicate(booking => booking.MediatorId)
            .Duplicate(booking => booking.ReferralId)
            .Duplicate(booking => booking.ClientId)
            .Duplicate(booking => booking.RequesterOrganisation);
    }

    public static FieldErrors Validate(BookingRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Language))
        {
            errors.Required("language", "This field is required: the ISO 639 code of the language to mediate (ar, ti, prs).");
        }
        else if (!IsoCodes.IsLanguage(request.Language))
        {
            errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }

        errors.OptionalText("dialect", request.Dialect, MediatorEndpoints.MaxDialectLength);
        errors.OptionalText("location", request.Location, MaxTextLength);
        if (request.Mode is null)
        {
            errors.Required("mode", $"This field is required ({VocabularyNames.List<MediationMode>()}).");
        }

        if (request.Start is not { } start)
        {
            errors.Required("start");
        }
        else if (start <= now)
        {
            errors.Add("start", "In the future: a mediator cannot be booked for a time that has passed.");
        }
        else if (start > now.AddDays(MaxDaysAhead))
        {
            errors.Add("start", $"Within {MaxDaysAhead} days from now.");
        }

        if (request.DurationMinutes is null && request.End is null)
        {
            errors.Required("durationMinutes", "This field is required (or give end).");
        }

        if (request.End is { } end && request.Start is { } begin)
        {
            if (end <= begin)
            {
                errors.Add("end", "Later than start.");
            }
            else if (request.DurationMinutes is { } minutes && (end - begin).TotalMinutes != minutes)
            {
                errors.Add("end", "Does not agree with durationMinutes; give one of them.");
            }
        }

        if (DurationOf(request) is { } duration && duration is < MinDurationMinutes or > MaxDurationMinutes)
        {
            errors.Add(request.DurationMinutes is null ? "end" : "durationMinutes",
                $"An appointment lasts between {MinDurationMinutes} and {MaxDurationMinutes} minutes.");
        }

        return errors;
    }

    private static int? DurationOf(BookingRequest request) =>
        request.DurationMinutes
        ?? (request.End is { } end && request.Start is { } start ? (int)Math.Clamp(Math.Ceiling((end - start).TotalMinutes), int.MinValue, int.MaxValue) : null);

    /// <summary>
    /// Staff of the one-stop-shop (front desk, case workers) and coordinators see every booking;
    /// partner staff those their organisation asked for; a mediator only their own. Anything else
    /// does not exist for the caller (404).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, Booking booking, IReadOnlyCollection<Guid> ownMediators)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(ownMediators);
        if (user.IsCoordinator() || user.IsInRole("frontdesk") || user.IsInRole("caseworker"))
        {
            return true;
        }

        if (user.IsInRole("partner") && user.Organisation() is { } organisation && booking.RequesterOrganisation == organisation)
        {
            return true;
        }

        return user.IsInRole("mediator") && booking.MediatorId is { } mediator && ownMediators.Contains(mediator);
    }

    /// <summary>The mediator records of a caller signed in as a mediator (their token subject is the record's <c>userId</c>).</summary>
    public static async Task<IReadOnlyList<Guid>> OwnMediatorsAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole("mediator"))
        {
            return [];
        }

        var subject = user.Actor();
        return await session.Query<Mediator>().Where(mediator => mediator.UserId == subject).Select(mediator => mediator.Id)
            .ToListAsync(cancellationToken);
    }

    public static IEndpointRouteBuilder MapBookings(this IEndpointRouteBuilder endpoints)
    {
        var bookings = endpoints.MapGroup("/bookings").WithTags("Bookings");
        bookings.MapPost("/", CreateAsync)
            .WithName("RequestBooking")
            .RequireAuthorization(MediatorsRoles.RequestBooking)
            .Produces<BookingCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapGet("/{id:guid}", GetAsync)
            .WithName("GetBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings)
            .Produces<Booking>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapGet("/", ListAsync)
            .WithName("ListBookings")
            .RequireAuthorization(MediatorsRoles.ReadBookings)
            .Produces<ListPage<Booking>>()
            .ProducesValidationProblem();

        bookings.MapTransition<NoDetails>("confirm", "ConfirmBooking", (_, _) => new FieldErrors(),
            (booking, _, by, now) => BookingLifecycle.Confirm(booking, by, now), whenBodyIsEmpty: () => new NoDetails());
        bookings.MapTransition<CancelRequest>("cancel", "CancelBooking", (request, _) =>
            {
                var errors = new FieldErrors();
                errors.RequireText("reason", request.Reason, MaxTextLength);
                return errors;
            },
            (booking, request, by, now) => BookingLifecycle.Cancel(booking, request.Reason!.Trim(), by, now),
            release: true);
        bookings.MapTransition<CompleteRequest>("complete", "CompleteBooking", (request, _) =>
            {
                var errors = new FieldErrors();
                if (request.ActualMinutes is not (>= 1 and <= MaxActualMinutes))
                {
                    errors.Required("actualMinutes", $"This field is required: the minutes the mediation took (1 to {MaxActualMinutes}).");
                }

                return errors;
            },
            (booking, request, by, now) => BookingLifecycle.Complete(booking, request.ActualMinutes!.Value, by, now));
        bookings.MapTransition<NoDetails>("no-show", "RecordBookingNoShow", (_, _) => new FieldErrors(),
            (booking, _, by, now) => BookingLifecycle.RecordNoShow(booking, by, now), whenBodyIsEmpty: () => new NoDetails());
        bookings.MapWithdrawFromBooking();
        bookings.MapFindFreeSlots();
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(BookingRequest request, IDocumentStore store, Matching matching, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = http.Now();
        var errors = Validate(request, now);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.ClientId is { } clientId)
        {
            await using var query = store.QuerySession();
            var client = await query.LoadAsync<ClientReference>(clientId, cancellationToken)
                ?? throw new DomainRuleViolated("unknown_client", "No client with this id is known to mediators (clients come from intake).");
            if (client.ErasedAt is not null)
            {
                throw new DomainRuleViolated(ProblemCodes.ClientErased, "The client's personal data was erased; nothing more is booked for them.",
                    StatusCodes.Status410Gone);
            }
        }

        var start = request.Start!.Value.ToUniversalTime();
        var duration = DurationOf(request)!.Value;
        var need = new MediatorNeed(request.Language!, Trimmed(request.Dialect), request.Specialism, request.Mode!.Value, start, start.AddMinutes(duration));
        BookingCreated? outcome = null;
        return await store.StartAsync<Booking, BookingRequest>(BookingAttempts, http, "request-booking", request,
            async (session, id) =>
            {
                var requested = new BookingRequested(id, need.Language, need.Dialect, need.Specialism, need.Mode, start, duration,
                    Trimmed(request.Location), request.ClientId, request.ReferralId, http.User.Actor(),
                    http.User.IsInRole("partner") ? http.User.Organisation() : null, now)
                {
                    RequestedByName = http.User.DisplayName(),
                };
                if (await matching.FindAsync(session, need, cancellationToken) is not { } assignment)
                {
                    outcome = new BookingCreated(id, BookingStatus.Unfilled, null, null, false);
                    return [requested, new NoMediatorFound(id, now)];
                }

                Matching.Reserve(session, assignment, id, need, now);
                outcome = new BookingCreated(id, BookingStatus.Assigned, assignment.Mediator.Id, assignment.Mediator.Name, assignment.DialectMatched);
                return [requested, Matching.Assigned(id, assignment, now)];
            },
            id => $"/bookings/{id}", _ => outcome!, cancellationToken);
    }

    private static async Task<IResult> GetAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var booking = await session.LoadAsync<Booking>(id, cancellationToken);
        if (booking is null || !CanSee(http.User, booking, await OwnMediatorsAsync(session, http.User, cancellationToken)))
        {
            return StreamWrites.NotFound("No such booking.");
        }

        http.Response.Headers.ETag = ETags.For(booking.Version);
        return TypedResults.Ok(booking);
    }

    private static async Task<IResult> ListAsync(Guid? mediatorId, Guid? clientId, Guid? referralId, DateTimeOffset? from, DateTimeOffset? to,
        string? status, int? page, int? pageSize, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wanted = QueryParameters.Vocabulary<BookingStatus>("status", status, errors);

        if (from is { } since && to is { } until && until < since)
        {
            errors.Add("to", "Not before from.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = session.Query<Booking>().AsQueryable();
        var user = http.User;
        if (!(user.IsCoordinator() || user.IsInRole("frontdesk") || user.IsInRole("caseworker")))
        {
            if (user.IsInRole("partner"))
            {
                var organisation = user.Organisation() ?? Guid.Empty;
                query = query.Where(booking => booking.RequesterOrganisation == organisation);
            }
            else
            {
                Guid?[] own = [.. (await OwnMediatorsAsync(session, user, cancellationToken)).Select(mediator => (Guid?)mediator)];
                query = query.Where(booking => booking.MediatorId.IsOneOf(own));
            }
        }

        if (mediatorId is { } mediator)
        {
            query = query.Where(booking => booking.MediatorId == mediator);
        }

        if (clientId is { } client)
        {
            query = query.Where(booking => booking.ClientId == client);
        }

        if (referralId is { } referral)
        {
            query = query.Where(booking => booking.ReferralId == referral);
        }

        // A window given in an office's offset (+01:00) is the same instant in UTC, which is how starts are stored and compared.
        if (from?.ToUniversalTime() is { } after)
        {
            query = query.Where(booking => booking.Start >= after);
        }

        if (to?.ToUniversalTime() is { } before)
        {
            query = query.Where(booking => booking.Start < before);
        }

        if (wanted is { } s)
        {
            query = query.Where(booking => booking.Status == s);
        }

        return TypedResults.Ok(await query.OrderBy(booking => booking.Start).ThenBy(booking => booking.Id).ToPageAsync(request, cancellationToken));
    }

    /// <summary>
    /// Maps <c>POST /bookings/{id}/{action}</c> (see <see cref="StreamTransitions"/>) for whoever may
    /// see the booking; with <paramref name="release"/> the mediator's time is freed in the same
    /// transaction and the fill sweep woken.
    /// </summary>
    private static void MapTransition<TRequest>(this RouteGroupBuilder bookings, string action, string name,
        Func<TRequest, DateTimeOffset, FieldErrors> validate, Func<Booking, TRequest, string, DateTimeOffset, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null, bool release = false)
        where TRequest : class =>
        bookings.MapTransition<Booking, TRequest>(action, "No such booking.", validate,
                async (session, http, booking, cancellationToken) =>
                    CanSee(http.User, booking, await OwnMediatorsAsync(session, http.User, cancellationToken)),
                decide, whenBodyIsEmpty,
                release ? (session, _, booking, now, cancellationToken) => Matching.ReleaseAsync(session, [booking], now, cancellationToken) : null,
                release ? http => http.RequestServices.GetRequiredService<FillSignal>().Raise() : null)
            .WithName(name)
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
