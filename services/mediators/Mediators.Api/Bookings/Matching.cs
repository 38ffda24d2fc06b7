using Integration.Mediators.Pool;
using Marten;

namespace Integration.Mediators.Bookings;

/// <summary>What a booking asks for, as matching sees it.</summary>
public sealed record MediatorNeed(string Language, string? Dialect, Specialism? Specialism, MediationMode Mode, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Mediators not to offer it to: those who already said they cannot attend.</summary>
    public IReadOnlyCollection<Guid> Excluded { get; init; } = [];

    public static MediatorNeed Of(Booking booking)
    {
        return new(booking.Language, booking.Dialect, booking.Specialism, booking.Mode, booking.Start, booking.End)
        {
            Excluded = booking.WithdrawnMediators,
        };
    }
}

/// <summary>The mediator picked for a need, and the day streams (at the versions read) that must take the reservation.</summary>
public sealed record Assignment(Mediator Mediator, bool DialectMatched, IReadOnlyList<DayToReserve> Days);

public sealed record DayToReserve(Guid DayId, DateOnly Date, int Version);

/// <summary>
/// Picks a mediator for a need without scanning bookings: the language filter runs on the GIN
/// index of the mediators' documents, availability is computed from each candidate's weekly
/// pattern in memory, and busy time is read from the candidates' day streams by primary key (the
/// days the interval touches plus the days of its week, for the fairness count).
/// </summary>
public sealed class Matching(TimeSpan travelBuffer)
{
    public TimeSpan TravelBuffer { get; } = travelBuffer;

    public async Task<Assignment?> FindAsync(IQuerySession session, MediatorNeed need, CancellationToken cancellationToken)
    {
        var speakers = await session.Query<Mediator>()
            .Where(mediator => mediator.Active && mediator.LanguageCodes.Contains(need.Language))
            .ToListAsync(cancellationToken);
        var eligible = speakers.Where(mediator => !need.Excluded.Contains(mediator.Id) && Fits(mediator, need)).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }

        var (weekStart, weekEnd) = WeekOf(need.Start);
        var blocked = BlockedDates(need);
        var dates = blocked.Union(MediatorDay.DatesOf(weekStart, weekEnd.AddTicks(-1))).ToList();
        var ids = eligible.SelectMany(mediator => dates.Select(date => MediatorDay.IdFor(mediator.Id, date))).ToArray();
        var days = (await session.LoadManyAsync<MediatorDay>(cancellationToken, ids)).ToDictionary(day => day.Id);
        return Choose(need, eligible, days, blocked, TravelBuffer);
    }

    /// <summary>Speaks the language, offers the mode, has the specialism if asked, and works through the whole interval.</summary>
    public static bool Fits(Mediator mediator, MediatorNeed need)
    {
        return mediator.Active
            && mediator.Speaks(need.Language, dialect: null)
            && mediator.Modes.Contains(need.Mode)
            && (need.Specialism is not { } specialism || mediator.Specialisms.Contains(specialism))
            && mediator.Availability is { } availability
            && availability.Covers(need.Start, need.End);
    }

    /// <summary>
    /// Among eligible mediators, those free for the interval (with the travel buffer around
    /// in-person work); the dialect asked for first, then the fewest booked minutes in the week
    /// (Monday to Sunday, UTC) of the start, then the id so the choice is stable.
    /// </summary>
    public static Assignment? Choose(MediatorNeed need, IEnumerable<Mediator> eligible, IReadOnlyDictionary<Guid, MediatorDay> days,
        IReadOnlyList<DateOnly> blocked, TimeSpan travelBuffer)
    {
        var (weekStart, weekEnd) = WeekOf(need.Start);
        var weekDates = MediatorDay.DatesOf(weekStart, weekEnd.AddTicks(-1));
        return eligible
            .Where(mediator => !blocked.Any(date => days.TryGetValue(MediatorDay.IdFor(mediator.Id, date), out var day)
                && day.Reservations.Any(reservation => Clashes(reservation, need, travelBuffer))))
            .Select(mediator => (
                Mediator: mediator,
                DialectMatched: need.Dialect is not null && mediator.Speaks(need.Language, need.Dialect),
                MinutesThisWeek: weekDates
                    .SelectMany(date => days.TryGetValue(MediatorDay.IdFor(mediator.Id, date), out var day) ? day.Reservations : [])
                    .Where(reservation => reservation.Start >= weekStart && reservation.Start < weekEnd)
                    .DistinctBy(reservation => reservation.BookingId)
                    .Sum(reservation => (reservation.End - reservation.Start).TotalMinutes)))
            .OrderByDescending(candidate => candidate.DialectMatched)
            .ThenBy(candidate => candidate.MinutesThisWeek)
            .ThenBy(candidate => candidate.Mediator.Id)
            .Select(candidate => new Assignment(candidate.Mediator, candidate.DialectMatched, [.. blocked.Select(date =>
            {
                var id = MediatorDay.IdFor(candidate.Mediator.Id, date);
                return new DayToReserve(id, date, days.TryGetValue(id, out var day) ? day.Version : 0);
            })]))
            .FirstOrDefault();
    }

    /// <summary>Two bookings clash when they overlap, or when either is in person and they are closer than the travel buffer.</summary>
    public static bool Clashes(Reservation reservation, MediatorNeed need, TimeSpan travelBuffer)
    {
        var gap = reservation.InPerson || need.Mode == MediationMode.InPerson ? travelBuffer : TimeSpan.Zero;
        return need.Start < reservation.End + gap && reservation.Start < need.End + gap;
    }

    /// <summary>The UTC dates whose day streams hold this need's reservation: its interval widened by the travel buffer on both sides.</summary>
    public IReadOnlyList<DateOnly> BlockedDates(MediatorNeed need)
    {
        return MediatorDay.DatesOf(need.Start - TravelBuffer, need.End + TravelBuffer);
    }

    public static (DateTimeOffset Start, DateTimeOffset End) WeekOf(DateTimeOffset instant)
    {
        var date = DateOnly.FromDateTime(instant.UtcDateTime);
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var start = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (start, start.AddDays(7));
    }

    /// <summary>Stages the reservation on each day stream at the version read; a concurrent reservation makes the save fail.</summary>
    public static void Reserve(IDocumentSession session, Assignment assignment, Guid bookingId, MediatorNeed need, DateTimeOffset now)
    {
        var reservation = new Reservation(bookingId, need.Start, need.End, need.Mode == MediationMode.InPerson);
        foreach (var day in assignment.Days)
        {
            var reserved = new MediatorReserved(day.DayId, assignment.Mediator.Id, day.Date, reservation, now);
            if (day.Version == 0)
            {
                session.Events.StartStream<MediatorDay>(day.DayId, reserved);
            }
            else
            {
                session.Events.Append(day.DayId, day.Version + 1, reserved);
            }
        }
    }

    /// <summary>
    /// Stages the release of the bookings' reservations on every day stream that holds them, at the
    /// version read: one append per day, so two bookings on the same day release together.
    /// </summary>
    public static async Task ReleaseAsync(IDocumentSession session, IReadOnlyCollection<Booking> bookings, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var byDay = bookings.SelectMany(booking => booking.ReservedDays.Select(day => (Day: day, Booking: booking.Id)))
            .GroupBy(reserved => reserved.Day, reserved => reserved.Booking)
            .ToDictionary(group => group.Key, group => group.Distinct().ToList());
        foreach (var day in await session.LoadManyAsync<MediatorDay>(cancellationToken, byDay.Keys))
        {
            var released = byDay[day.Id];
            session.Events.Append(day.Id, day.Version + released.Count, [.. released.Select(booking => (object)new MediatorReleased(day.Id, booking, now))]);
        }
    }

    public static MediatorAssigned Assigned(Guid bookingId, Assignment assignment, DateTimeOffset now)
    {
        return new MediatorAssigned(bookingId, assignment.Mediator.Id, assignment.Mediator.Name, assignment.DialectMatched,
            [.. assignment.Days.Select(day => day.DayId)], now);
    }
}
