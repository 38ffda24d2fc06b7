namespace Integration.Referrals.Caseload;

/// <summary>A range of days, both ends included.</summary>
public sealed record DayRange(DateOnly From, DateOnly To);

/// <summary>
/// How a report's date range is read from the counters: all time from the all-time rows; otherwise
/// whole months from the monthly rows and the days before the first and after the last whole month
/// (at most two partial months) from the daily rows. Rows read are thus bounded by months and
/// combinations of office, category, organisation and status, never by the number of referrals.
/// </summary>
public sealed record CaseloadPeriods(bool AllTime, DayRange? Months, IReadOnlyList<DayRange> Days)
{
    public static CaseloadPeriods For(DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return new CaseloadPeriods(AllTime: true, Months: null, Days: []);
        }

        var start = from ?? DateOnly.MinValue;
        var end = to ?? DateOnly.MaxValue;
        var firstWholeMonth = start.Day == 1 ? start : FirstOfMonth(start).AddMonths(1);
        var endsWithItsMonth = end.Day == DateTime.DaysInMonth(end.Year, end.Month);
        var lastWholeMonth = endsWithItsMonth ? FirstOfMonth(end) : FirstOfMonth(end).AddMonths(-1);
        if (firstWholeMonth > lastWholeMonth)
        {
            return new CaseloadPeriods(AllTime: false, Months: null, Days: [new DayRange(start, end)]);
        }

        var days = new List<DayRange>();
        if (start < firstWholeMonth)
        {
            days.Add(new DayRange(start, firstWholeMonth.AddDays(-1)));
        }

        if (!endsWithItsMonth)
        {
            days.Add(new DayRange(FirstOfMonth(end), end));
        }

        return new CaseloadPeriods(AllTime: false, new DayRange(firstWholeMonth, lastWholeMonth), days);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
