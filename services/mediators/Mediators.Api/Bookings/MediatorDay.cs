using Integration.Eventing;
using Marten;

namespace Integration.Mediators.Bookings;

/// <summary>A mediator's time held by a booking, travel buffer not included.</summary>
public sealed record Reservation(Guid BookingId, DateTimeOffset Start, DateTimeOffset End, bool InPerson)
{
    /// <summary>When the hour was claimed; null in a reservation stored before claims recorded it.</summary>
    public DateTimeOffset? ReservedAt { get; init; }
}

/// <summary>
/// One mediator's reservations touching one UTC day: the stream on which "never double-booked" is
/// enforced. Every reservation is appended, at the version the booking decision read, to each day
/// its interval (widened by the travel buffer) touches, so two bookings that could clash always
/// meet on at least one day stream and the second one's append fails. The day is a UTC date so the
/// partition does not move when a mediator's time zone changes. Every tenant's day streams live in one partition of the store
/// (<see cref="Partition"/>), so a mediator shared by several tenants (the same id in each) has one calendar: a booking in one
/// tenant blocks the slot in all of them.
/// </summary>
public sealed record MediatorDay(Guid Id, Guid MediatorId, DateOnly Date, IReadOnlyList<Reservation> Reservations, int Version)
    : IStreamReadModel
{
    /// <summary>The store's tenant every day stream is kept in: the default tenant's, where they were before tenancy.</summary>
    public const string Partition = JasperFx.StorageConstants.DefaultTenantId;

    /// <summary>The days as <paramref name="session"/> reads them, whatever its tenant.</summary>
    public static IQuerySession In(IQuerySession session) => AcrossTenants.Query(session, Partition);

    /// <summary>The days as <paramref name="session"/> changes them, whatever its tenant: in its transaction, or saved just before it where each tenant has a database of its own (<see cref="AcrossTenants"/>).</summary>
    public static IDocumentOperations In(IDocumentSession session) => AcrossTenants.Operations(session, Partition);

    public static Guid IdFor(Guid mediatorId, DateOnly date) => DeterministicIds.From($"mediator-day:{mediatorId:N}:{date:yyyy-MM-dd}");

    /// <summary>
    /// Minutes of the reservations that start on this day: each booking counts on one day only, however many
    /// it touches, so a week's load is the sum over its seven days. Stored in the snapshot, so matching reads a
    /// number per day instead of the reservations.
    /// </summary>
    public double BookedMinutes =>
        Reservations.Where(reservation => DateOnly.FromDateTime(reservation.Start.UtcDateTime) == Date)
            .Sum(reservation => (reservation.End - reservation.Start).TotalMinutes);

    public static MediatorDay Create(MediatorReserved e)
    {
        return new(e.DayId, e.MediatorId, e.Date, [e.Reservation], Version: 1);
    }

    public MediatorDay Apply(MediatorReserved e) =>
        this with { Reservations = [.. Reservations.Where(reservation => reservation.BookingId != e!.Reservation.BookingId), e!.Reservation] };

    public MediatorDay Apply(MediatorReleased e) =>
        this with { Reservations = [.. Reservations.Where(reservation => reservation.BookingId != e!.BookingId)] };

    /// <summary>The UTC dates an interval touches.</summary>
    public static IReadOnlyList<DateOnly> DatesOf(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.UtcDateTime);
        var dates = new List<DateOnly>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            dates.Add(date);
        }

        return dates;
    }
}

public sealed record MediatorReserved(Guid DayId, Guid MediatorId, DateOnly Date, Reservation Reservation, DateTimeOffset At);

public sealed record MediatorReleased(Guid DayId, Guid BookingId, DateTimeOffset At);
