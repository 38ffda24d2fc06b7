using System.Globalization;

namespace Integration.Mediators.Pool;

/// <summary>A recurring weekly window, local to the availability's time zone: <c>dayOfWeek</c> 1 = Monday … 7 = Sunday, times <c>HH:mm</c>.</summary>
public sealed record WeeklySlot(int DayOfWeek, string From, string To);

/// <summary>
/// A dated change to the weekly pattern: leave (<c>available: false</c>, the whole day without
/// times, or one window) or extra hours (<c>available: true</c> with a window).
/// </summary>
public sealed record AvailabilityChange(DateOnly Date, string? From, string? To, bool Available);

/// <summary>
/// When a mediator works, in the local time of their office (an IANA time zone): the weekly
/// pattern, minus leave, plus extra hours. Local times are turned into instants day by day with
/// the zone's rules for that day, so a daylight-saving change moves the instants, never the local
/// working hours.
/// </summary>
public sealed record WeeklyAvailability(string TimeZone, IReadOnlyList<WeeklySlot> Weekly, IReadOnlyList<AvailabilityChange> Exceptions)
{
    /// <summary>True when the whole interval lies inside working time (adjacent windows join, also across midnight).</summary>
    public bool Covers(DateTimeOffset start, DateTimeOffset end)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, zone).DateTime);
        var windows = new List<(DateTimeOffset From, DateTimeOffset To)>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            windows.AddRange(WindowsOn(day, zone));
        }

        var coveredUntil = start;
        foreach (var (from, to) in windows.OrderBy(window => window.From))
        {
            if (from <= coveredUntil && to > coveredUntil)
            {
                coveredUntil = to;
            }

            if (coveredUntil >= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The working windows of one local date, as instants.</summary>
    public IEnumerable<(DateTimeOffset From, DateTimeOffset To)> WindowsOn(DateOnly day, TimeZoneInfo zone)
    {
        var isoDay = ((int)day.DayOfWeek + 6) % 7 + 1;
        var exceptions = Exceptions.Where(exception => exception.Date == day).ToList();
        if (exceptions.Any(exception => !exception.Available && exception.From is null))
        {
            return [];
        }

        var open = Weekly.Where(slot => slot.DayOfWeek == isoDay).Select(slot => (LocalTimes.Minutes(slot.From), LocalTimes.Minutes(slot.To)))
            .Concat(exceptions.Where(exception => exception.Available)
                .Select(exception => (LocalTimes.Minutes(exception.From!), LocalTimes.Minutes(exception.To!))));
        var leave = exceptions.Where(exception => !exception.Available)
            .Select(exception => (LocalTimes.Minutes(exception.From!), LocalTimes.Minutes(exception.To!))).ToList();
        return LocalTimes.Subtract(open, leave)
            .Select(window => (LocalTimes.Instant(day, window.From, zone), LocalTimes.Instant(day, window.To, zone)))
            .Where(window => window.Item2 > window.Item1)
            .ToList();
    }
}

/// <summary>Local times of day as minutes after midnight; <c>24:00</c> is the end of the day.</summary>
internal static class LocalTimes
{
    public const int EndOfDay = 24 * 60;

    /// <summary>Parses <c>HH:mm</c> (00:00–23:59, and 24:00 where an end is meant); null when malformed.</summary>
    public static int? TryParse(string? value, bool endOfDayAllowed)
    {
        if (value is null || value.Length != 5 || value[2] != ':'
            || !int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(value.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59)
        {
            return null;
        }

        var total = hours * 60 + minutes;
        return hours < 24 || (endOfDayAllowed && total == EndOfDay) ? total : null;
    }

    public static int Minutes(string value) =>
        TryParse(value, endOfDayAllowed: true) ?? throw new FormatException($"Not a local time (HH:mm): {value}");

    /// <summary>
    /// The instant at which the clocks of <paramref name="zone"/> show this local time. A time that
    /// does not exist (skipped by a spring-forward change) moves on by the skipped hour; a time that
    /// exists twice (autumn) is read in standard time.
    /// </summary>
    public static DateTimeOffset Instant(DateOnly day, int minutes, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddMinutes(minutes);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The union of <paramref name="open"/> minus <paramref name="leave"/>, as sorted, disjoint windows.</summary>
    public static IReadOnlyList<(int From, int To)> Subtract(IEnumerable<(int From, int To)> open, IReadOnlyList<(int From, int To)> leave)
    {
        var minutes = new bool[EndOfDay];
        foreach (var (from, to) in open)
        {
            Array.Fill(minutes, true, from, Math.Max(0, to - from));
        }

        foreach (var (from, to) in leave)
        {
            Array.Fill(minutes, false, from, Math.Max(0, to - from));
        }

        var windows = new List<(int From, int To)>();
        for (var minute = 0; minute < EndOfDay; minute++)
        {
            if (!minutes[minute])
            {
                continue;
            }

            var start = minute;
            while (minute < EndOfDay && minutes[minute])
            {
                minute++;
            }

            windows.Add((start, minute));
        }

        return windows;
    }
}
