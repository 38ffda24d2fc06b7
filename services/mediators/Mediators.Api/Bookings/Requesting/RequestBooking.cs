using Integration.Eventing;
using Integration.Mediators.Clients;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Bookings.Requesting;

internal sealed record BookingRequest(
    string? Language, string? Dialect, Specialism? Specialism, DateTimeOffset? Start, int? DurationMinutes, DateTimeOffset? End,
    MediationMode? Mode, string? Location, Guid? ClientId, Guid? ReferralId)
{
    /// <summary>The code of the funding stream that pays for the mediation; it must run on the day of the appointment.</summary>
    public string? FundingStream { get; init; }
}

/// <summary>
/// A booking request as parsed: the language, mode, start (in UTC) and length in minutes it must have, and the
/// optional dialect and location (trimmed), specialism, client and referral.
/// </summary>
internal sealed record RequestBooking(
    string Language, string? Dialect, Specialism? Specialism, MediationMode Mode, DateTimeOffset Start, int DurationMinutes, string? Location,
    Guid? ClientId, Guid? ReferralId);

/// <summary>What a booking request got: a mediator, or <c>unfilled</c>.</summary>
public sealed record BookingCreated(Guid BookingId, BookingStatus Status, Guid? MediatorId, string? MediatorName, bool DialectMatched);

/// <summary>
/// <c>POST /bookings</c>: staff or a partner ask for a mediator of a language, at a time, in a mode. Matching
/// assigns the best mediator who is free (the mediator's day streams make a double booking lose the race and
/// the decision is taken again), or the booking stays unfilled and the fill sweep keeps looking.
/// </summary>
internal static class RequestingBooking
{
    /// <summary>How often a booking decision is taken again when another booking took the mediator meanwhile.</summary>
    private const int BookingAttempts = 20;

    public static Parsed<RequestBooking> Parse(BookingRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Language))
        {
            errors.Required("language", "This field is required: the ISO 639 code of the language to mediate (ar, ti, prs).");
        }
        else if (!IsoCodes.IsLanguage(request.Language))
        {
            errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }

        var dialect = errors.OptionalText("dialect", request.Dialect, MediatorEndpoints.MaxDialectLength);
        var location = errors.OptionalText("location", request.Location, BookingEndpoints.MaxTextLength);
        var mode = errors.Require("mode", request.Mode, $"This field is required ({VocabularyNames.List<MediationMode>()}).");

        if (request.Start is not { } start)
        {
            errors.Required("start");
        }
        else if (start <= now)
        {
            errors.Add("start", "In the future: a mediator cannot be booked for a time that has passed.");
        }
        else if (start > now.AddDays(BookingEndpoints.MaxDaysAhead))
        {
            errors.Add("start", $"Within {BookingEndpoints.MaxDaysAhead} days from now.");
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

        if (DurationOf(request) is { } duration && duration is < BookingEndpoints.MinDurationMinutes or > BookingEndpoints.MaxDurationMinutes)
        {
            errors.Add(request.DurationMinutes is null ? "end" : "durationMinutes",
                $"An appointment lasts between {BookingEndpoints.MinDurationMinutes} and {BookingEndpoints.MaxDurationMinutes} minutes.");
        }

        return errors.Any || (request.Language, mode, request.Start, DurationOf(request)) is not ({ } language, { } mediationMode, { } startsAt, { } durationMinutes)
            ? errors
            : new RequestBooking(language, dialect, request.Specialism, mediationMode, startsAt.ToUniversalTime(), durationMinutes, location, request.ClientId,
                request.ReferralId);
    }

    public static RouteHandlerBuilder MapRequestBooking(this RouteGroupBuilder bookings) =>
        bookings.MapPost("/", HandleAsync)
            .WithName("RequestBooking")
            .RequireAuthorization(MediatorsRoles.RequestBooking);

    private static int? DurationOf(BookingRequest request) =>
        request.DurationMinutes
        ?? (request.End is { } end && request.Start is { } start ? (int)Math.Clamp(Math.Ceiling((end - start).TotalMinutes), int.MinValue, int.MaxValue) : null);

    private static async Task<CreateResult<BookingCreated>> HandleAsync(BookingRequest request, IDocumentSession session, Matching matching, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = http.Now();
        if (!Parse(request, now).TryGet(out var asked, out var errors))
        {
            return errors.ToProblem();
        }

        var paidBy = await FundingStreamCodes.CheckAsync<KnownFundingStream>(session, errors, "fundingStream", request.FundingStream,
            DateOnly.FromDateTime(asked.Start.UtcDateTime), cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var office = BookingEndpoints.IsOfficeStaff(http.User) ? http.User.Office() : null;
        if (asked.ClientId is { } clientId)
        {
            var client = await session.LoadAsync<ClientReference>(clientId, cancellationToken);
            if (client?.ErasedAt is not null)
            {
                throw new DomainRuleViolated(ProblemCodes.ClientErased, "The client's personal data was erased; nothing more is booked for them.",
                    StatusCodes.Status410Gone);
            }

            // Another office's client is unknown to office staff, exactly like an id that does not exist: the answer confirms nothing.
            // Partner staff know clients only through the referrals addressed to them, which mediators does not follow, so any
            // client they name is unknown to them too.
            if (client is null || http.User.IsInRole("partner")
                || (BookingEndpoints.IsOfficeStaff(http.User) && !http.User.WorksWithOffice(client.Office)))
            {
                throw DomainRuleViolated.UnknownReference("unknown_client", "clientId", "No client with this id is known to mediators (clients come from intake).");
            }

            office = client.Office;
        }

        var need = new MediatorNeed(asked.Language, asked.Dialect, asked.Specialism, asked.Mode, asked.Start, asked.Start.AddMinutes(asked.DurationMinutes));
        BookingCreated? outcome = null;
        return await session.StartAsync<Booking, BookingCreated>(http, "request-booking", request,
            async (attemptSession, id) =>
            {
                var requested = new BookingRequested(id, need.Language, need.Dialect, need.Specialism, need.Mode, asked.Start, asked.DurationMinutes,
                    asked.Location, asked.ClientId, asked.ReferralId, http.User.Actor(),
                    http.User.IsInRole("partner") ? http.User.Organisation() : null, now)
                {
                    RequestedByName = http.User.DisplayName(),
                    Office = office,
                    FundingStream = paidBy?.Code,
                };
                if (await matching.FindAsync(attemptSession, need, cancellationToken) is not { } assignment)
                {
                    outcome = new BookingCreated(id, BookingStatus.Unfilled, null, null, false);
                    return [requested, new NoMediatorFound(id, now)];
                }

                Matching.Reserve(attemptSession, assignment, id, need, now);
                outcome = new BookingCreated(id, BookingStatus.Assigned, assignment.Mediator.Id, assignment.Mediator.Name, assignment.DialectMatched);
                return [requested, Matching.Assigned(id, assignment, now)];
            },
            id => $"/bookings/{id}", _ => outcome!, cancellationToken, BookingAttempts);
    }
}
