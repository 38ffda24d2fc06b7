using Integration.Mediators.Bookings;
using Integration.Mediators.Pool;

namespace Integration.Mediators.Tests;

/// <summary>Availability and clash rules without I/O.</summary>
public sealed class MatchingRulesTests
{
    private static readonly WeeklyAvailability Rome = new("Europe/Rome",
        [new WeeklySlot(1, "09:00", "13:00"), new WeeklySlot(1, "13:00", "18:00"), new WeeklySlot(7, "20:00", "24:00"), new WeeklySlot(1, "00:00", "02:00")],
        [new AvailabilityChange(new DateOnly(2030, 4, 8), "10:00", "11:00", Available: false)]);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2030, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 25, 8, 60, true)]    // Monday 09:00–10:00 in Rome (UTC+1)
    [InlineData(3, 25, 7, 60, false)]   // 08:00 local: before work
    [InlineData(4, 1, 7, 60, true)]     // after the change to UTC+2: 09:00 local is 07:00 UTC
    [InlineData(4, 1, 16, 60, false)]   // 18:00 local: after work
    [InlineData(4, 1, 10, 120, true)]   // 12:00–14:00 local spans two adjacent slots
    [InlineData(4, 8, 8, 60, false)]    // 10:00–11:00 local on the day with an hour of leave
    [InlineData(4, 8, 9, 60, true)]     // 11:00–12:00 local that day
    [InlineData(3, 24, 20, 240, true)]  // Sunday 21:00 to Monday 01:00 local: Sunday's evening slot joins Monday's night slot
    [InlineData(3, 24, 20, 300, true)]  // … to 02:00, the end of Monday's night slot
    [InlineData(3, 24, 20, 360, false)] // … to 03:00: past it
    public void availability_is_read_in_local_time_on_each_date(int month, int day, int hour, int minutes, bool covered)
    {
        var start = Utc(month, day, hour);

        Assert.Equal(covered, Rome.Covers(start, start.AddMinutes(minutes)));
    }

    [Fact]
    public void a_local_time_skipped_by_the_spring_change_moves_on_by_the_hour()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

        Assert.Equal(Utc(3, 31, 1), LocalTimes.Instant(new DateOnly(2030, 3, 31), 2 * 60 + 30, zone).AddMinutes(-30));
    }

    [Theory]
    [InlineData("09:00", false, 540)]
    [InlineData("24:00", true, 1440)]
    [InlineData("24:00", false, null)]
    [InlineData("9:00", false, null)]
    [InlineData("12:60", false, null)]
    [InlineData("ab:cd", false, null)]
    public void local_times_are_strict_hh_mm(string value, bool endOfDay, int? minutes) =>
        Assert.Equal(minutes, LocalTimes.TryParse(value, endOfDay));

    [Theory]
    [InlineData(false, "phone", 60, true)]       // overlaps
    [InlineData(false, "phone", 120, false)]     // starts as the other ends
    [InlineData(true, "phone", 120, true)]       // the other is in person: 30 minutes of travel
    [InlineData(false, "in_person", 120, true)]  // this one is in person
    [InlineData(true, "phone", 150, false)]      // after the buffer
    public void bookings_clash_when_they_overlap_or_sit_within_the_travel_buffer_of_in_person_work(bool otherInPerson, string mode, int minutesLater,
        bool clash)
    {
        var reservation = new Reservation(Guid.NewGuid(), Utc(2, 4, 9), Utc(2, 4, 11), otherInPerson);
        var start = Utc(2, 4, 9).AddMinutes(minutesLater);
        var need = new MediatorNeed("ar", null, null, mode == "in_person" ? MediationMode.InPerson : MediationMode.Phone, start, start.AddHours(1));

        Assert.Equal(clash, Matching.Clashes(reservation, need, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void weeks_run_monday_to_monday_in_utc()
    {
        var (start, end) = Matching.WeekOf(Utc(2, 10, 23));

        Assert.Equal(Utc(2, 4, 0), start);
        Assert.Equal(Utc(2, 11, 0), end);
    }
}
