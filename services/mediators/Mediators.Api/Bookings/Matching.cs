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

/// <summary>An eligible mediator as ranked for a need.</summary>
public sealed record Candidate(Mediator Mediator, bool DialectMatched, double MinutesThisWeek);

/// <summary>One day snapshot's booked minutes as matching reads them; null in a snapshot stored before it carried them.</summary>
public sealed record DayMinutes(Guid DayId, Guid MediatorId, double? BookedMinutes);

/// <summary>
/// Picks a mediator for a need without scanning bookings: the language filter runs on the GIN
/// index of the mediators' documents, availability is computed from each candidate's weekly
/// pattern in memory, each candidate's booked minutes in the week are read as one number per day
/// from their day snapshots, and only then are whole day documents loaded, by primary key, for the
/// best-ranked candidates a few at a time until one is free.
/// </summary>
public sealed class Matching(TimeSpan travelBuffer)
{
    /// <summary>
    /// Candidates whose days are read together. The best-ranked one is usually free (the fewest booked minutes),
    /// so one read of this many candidates' one or two days settles most bookings.
    /// </summary>
    private const int CandidatesPerRead = 8;

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

        var minutesThisWeek = await MinutesBookedInWeekAsync(session, eligible, need.Start, cancellationToken);
        var blocked = BlockedDates(need);
        foreach (var candidates in Ranked(need, eligible, minutesThisWeek).Chunk(CandidatesPerRead))
        {
            var ids = candidates.SelectMany(candidate => blocked.Select(date => MediatorDay.IdFor(candidate.Mediator.Id, date))).ToArray();
            var days = (await MediatorDay.In(session).LoadManyAsync<MediatorDay>(cancellationToken, ids)).ToDictionary(day => day.Id);
            if (FirstFree(need, candidates, days, blocked, TravelBuffer) is { } assignment)
            {
                return assignment;
            }
        }

        return null;
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
    /// The order candidates are offered a booking in: the dialect asked for first, then the fewest booked
    /// minutes in the week (Monday to Sunday, UTC) of the start, then the id so the choice is stable.
    /// </summary>
    public static IEnumerable<Candidate> Ranked(MediatorNeed need, IEnumerable<Mediator> eligible, IReadOnlyDictionary<Guid, double> minutesThisWeek)
    {
        return eligible
            .Select(mediator => new Candidate(mediator, need.Dialect is not null && mediator.Speaks(need.Language, need.Dialect),
                minutesThisWeek.GetValueOrDefault(mediator.Id)))
            .OrderByDescending(candidate => candidate.DialectMatched)
            .ThenBy(candidate => candidate.MinutesThisWeek)
            .ThenBy(candidate => candidate.Mediator.Id);
    }

    /// <summary>
    /// The first of the ranked candidates free for the interval (with the travel buffer around in-person work)
    /// on the blocked days read, and the versions those days must still have when the reservation is appended.
    /// </summary>
    public static Assignment? FirstFree(MediatorNeed need, IEnumerable<Candidate> ranked, IReadOnlyDictionary<Guid, MediatorDay> days,
        IReadOnlyList<DateOnly> blocked, TimeSpan travelBuffer)
    {
        return ranked
            .Where(candidate => !blocked.Any(date => days.TryGetValue(MediatorDay.IdFor(candidate.Mediator.Id, date), out var day)
                && day.Reservations.Any(reservation => Clashes(reservation, need, travelBuffer))))
            .Select(candidate => new Assignment(candidate.Mediator, candidate.DialectMatched, [.. blocked.Select(date =>
            {
                var id = MediatorDay.IdFor(candidate.Mediator.Id, date);
                return new DayToReserve(id, date, days.TryGetValue(id, out var day) ? day.Version : 0);
            })]))
            .FirstOrDefault();
    }

    /// <summary>
    /// Minutes each mediator is booked for in the week of <paramref name="instant"/> (reservations starting that week):
    /// one number per existing day of the week is read from the day snapshots, and only a day stored before snapshots
    /// carried <see cref="MediatorDay.BookedMinutes"/> is loaded whole to count it. Mediators with no day are absent. The days'
    /// partition leads the lookup, as the tenant leads the documents' primary key: without it PostgreSQL scans every day document.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, double>> MinutesBookedInWeekAsync(IQuerySession session, IReadOnlyCollection<Mediator> mediators,
        DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var (weekStart, weekEnd) = WeekOf(instant);
        var weekDates = MediatorDay.DatesOf(weekStart, weekEnd.AddTicks(-1));
        var ids = mediators.SelectMany(mediator => weekDates.Select(date => MediatorDay.IdFor(mediator.Id, date))).ToArray();
        var table = session.DocumentStore.Options.Schema.For<MediatorDay>();
        var days = await session.AdvancedSql.QueryAsync<DayMinutes>(
            $"""
            select jsonb_build_object('dayId', id, 'mediatorId', data -> 'mediatorId', 'bookedMinutes', data -> 'bookedMinutes')
            from {table} where tenant_id = ? and id = any(?)
            """,
            cancellationToken, MediatorDay.Partition, ids);
        var older = days.Where(day => day.BookedMinutes is null).Select(day => day.DayId).ToArray();
        var counted = older.Length == 0
            ? []
            : (await MediatorDay.In(session).LoadManyAsync<MediatorDay>(cancellationToken, older)).ToDictionary(day => day.Id, day => day.BookedMinutes);
        return days.GroupBy(day => day.MediatorId)
            .ToDictionary(mediator => mediator.Key, mediator => mediator.Sum(day => day.BookedMinutes ?? counted.GetValueOrDefault(day.DayId)));
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
        var reservation = new Reservation(bookingId, need.Start, need.End, need.Mode == MediationMode.InPerson) { ReservedAt = now };
        var days = MediatorDay.In(session);
        foreach (var day in assignment.Days)
        {
            var reserved = new MediatorReserved(day.DayId, assignment.Mediator.Id, day.Date, reservation, now);
            if (day.Version == 0)
            {
                days.Events.StartStream<MediatorDay>(day.DayId, reserved);
            }
            else
            {
                days.Events.Append(day.DayId, day.Version + 1, reserved);
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
        var days = MediatorDay.In(session);
        foreach (var day in await days.LoadManyAsync<MediatorDay>(cancellationToken, byDay.Keys))
        {
            var released = byDay[day.Id];
            days.Events.Append(day.Id, day.Version + released.Count, [.. released.Select(booking => (object)new MediatorReleased(day.Id, booking, now))]);
        }
    }

    public static MediatorAssigned Assigned(Guid bookingId, Assignment assignment, DateTimeOffset now)
    {
        return new MediatorAssigned(bookingId, assignment.Mediator.Id, assignment.Mediator.Name, assignment.DialectMatched,
            [.. assignment.Days.Select(day => day.DayId)], now);
    }
}
