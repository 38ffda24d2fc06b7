using System.Globalization;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.FindingFreeSlots;

/// <summary>The query of <c>GET /bookings/free-slots</c>: what the booking would ask for, and which local days to look at.</summary>
public sealed record FreeSlotsQuery(
    string? Language, string? Mode, string? Specialism, int? DurationMinutes, string? From, int? Days, string? TimeZone);

/// <summary>A start at which at least one mediator who fits is free for the whole appointment.</summary>
public sealed record FreeSlot(DateTimeOffset Start, DateTimeOffset End, int FreeMediators);

/// <summary>The free starts, every half hour of the office's local clock, each in the office's offset.</summary>
public sealed record FreeSlots(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<FreeSlot> Slots);

/// <summary>
/// "When could a mediator come?": the case worker sees the starts at which a booking for this
/// language, mode and specialism would be filled now, before asking. It answers from the same
/// facts matching decides on (weekly availability, leave, the day streams' reservations and the
/// travel buffer), so a slot shown is one a request would get unless someone books it first.
/// Mediators are counted, not named: who goes is still matching's fair choice.
/// </summary>
internal static class FindFreeSlots
{
    public const int MaxDays = 14;
    public const int StepMinutes = 30;

    public sealed record Criteria(string Language, MediationMode Mode, Specialism? Specialism, int DurationMinutes, DateOnly From, int Days, TimeZoneInfo Zone);

    public static Criteria? Validate(FreeSlotsQuery query, DateTimeOffset now, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(query.Language))
        {
            errors.Required("language", "This field is required: the ISO 639 code of the language to mediate (ar, ti, prs).");
        }
        else if (!IsoCodes.IsLanguage(query.Language))
        {
            errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
        }

        var mode = QueryParameters.Vocabulary<MediationMode>("mode", query.Mode, errors);
        if (query.Mode is null)
        {
            errors.Required("mode", $"This field is required ({VocabularyNames.List<MediationMode>()}).");
        }

        var specialism = QueryParameters.Vocabulary<Specialism>("specialism", query.Specialism, errors);
        if (query.DurationMinutes is not (>= BookingEndpoints.MinDurationMinutes and <= BookingEndpoints.MaxDurationMinutes))
        {
            errors.Add("durationMinutes",
                $"This field is required: the appointment's length, {BookingEndpoints.MinDurationMinutes} to {BookingEndpoints.MaxDurationMinutes} minutes.");
        }

        var zone = errors.TimeZone("timeZone", query.TimeZone);

        var today = zone is null ? DateOnly.FromDateTime(now.UtcDateTime) : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var from = today;
        if (query.From is not null)
        {
            if (!DateOnly.TryParseExact(query.From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
            {
                errors.Add("from", "A date (yyyy-MM-dd).");
            }
            else if (from < today || from > today.AddDays(BookingEndpoints.MaxDaysAhead))
            {
                errors.Add("from", $"From today to {BookingEndpoints.MaxDaysAhead} days ahead.");
            }
        }

        if (query.Days is { } days && days is < 1 or > MaxDays)
        {
            errors.Add("days", $"From 1 to {MaxDays}.");
        }

        return errors.Any ? null : new Criteria(query.Language!, mode!.Value, specialism, query.DurationMinutes!.Value, from, query.Days ?? 7, zone!);
    }

    /// <summary>
    /// Every half-hour start of the local days asked for, after now, with the number of mediators
    /// who fit, work through the whole appointment and hold nothing that clashes with it.
    /// </summary>
    public static IReadOnlyList<FreeSlot> Decide(Criteria criteria, IReadOnlyList<Mediator> speakers, IReadOnlyDictionary<Guid, MediatorDay> days,
        TimeSpan travelBuffer, DateTimeOffset now)
    {
        var slots = new List<FreeSlot>();
        for (var offset = 0; offset < criteria.Days; offset++)
        {
            var date = criteria.From.AddDays(offset);
            for (var minute = 0; minute < LocalTimes.EndOfDay; minute += StepMinutes)
            {
                var start = LocalTimes.Instant(date, minute, criteria.Zone);
                if (start <= now || LocalDate(start, criteria.Zone) != date)
                {
                    continue;
                }

                var need = new MediatorNeed(criteria.Language, null, criteria.Specialism, criteria.Mode, start, start.AddMinutes(criteria.DurationMinutes));
                var touched = MediatorDay.DatesOf(need.Start - travelBuffer, need.End + travelBuffer);
                var free = speakers.Count(mediator => Matching.Fits(mediator, need)
                    && !touched.Any(day =>
                        days.TryGetValue(MediatorDay.IdFor(mediator.Id, day), out var held)
                        && held.Reservations.Any(reservation => Matching.Clashes(reservation, need, travelBuffer))));
                if (free > 0)
                {
                    var local = criteria.Zone.GetUtcOffset(start);
                    slots.Add(new FreeSlot(start.ToOffset(local), need.End.ToOffset(criteria.Zone.GetUtcOffset(need.End)), free));
                }
            }
        }

        return slots;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static RouteHandlerBuilder MapFindFreeSlots(this RouteGroupBuilder bookings) =>
        bookings.MapGet("/free-slots", FindAsync)
            .WithName("FindFreeSlots")
            .WithSummary("The starts at which a mediator for this language, mode and specialism is free, in the office's time zone")
            .RequireAuthorization(MediatorsRoles.RequestBooking);

    private static async Task<Results<Ok<FreeSlots>, ValidationProblem>> FindAsync([AsParameters] FreeSlotsQuery query, IQuerySession session, Matching matching, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = http.Now();
        var errors = new FieldErrors();
        if (Validate(query, now, errors) is not { } criteria)
        {
            return errors.ToProblem();
        }

        var speakers = await session.Query<Mediator>()
            .Where(mediator => mediator.Active && mediator.LanguageCodes.Contains(criteria.Language))
            .ToListAsync(cancellationToken);
        var firstInstant = LocalTimes.Instant(criteria.From, 0, criteria.Zone) - matching.TravelBuffer;
        var lastInstant = LocalTimes.Instant(criteria.From.AddDays(criteria.Days), 0, criteria.Zone)
            + TimeSpan.FromMinutes(criteria.DurationMinutes) + matching.TravelBuffer;
        var dates = MediatorDay.DatesOf(firstInstant, lastInstant);
        var ids = speakers.SelectMany(mediator => dates.Select(date => MediatorDay.IdFor(mediator.Id, date))).ToArray();
        var days = ids.Length == 0
            ? new Dictionary<Guid, MediatorDay>()
            : (await MediatorDay.In(session).LoadManyAsync<MediatorDay>(cancellationToken, ids)).ToDictionary(day => day.Id);
        var slots = Decide(criteria, speakers, days, matching.TravelBuffer, now);
        return TypedResults.Ok(new FreeSlots(criteria.Zone.Id, criteria.From, criteria.From.AddDays(criteria.Days - 1), slots));
    }
}
