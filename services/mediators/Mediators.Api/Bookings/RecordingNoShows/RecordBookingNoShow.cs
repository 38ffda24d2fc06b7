using Integration.ServiceDefaults;

namespace Integration.Mediators.Bookings.RecordingNoShows;

/// <summary><c>POST /bookings/{id}/no-show</c>: after the start, the client did not come.</summary>
internal static class RecordingBookingNoShow
{
    public static BookingNoShowRecorded Decide(Booking booking, string by, DateTimeOffset now)
    {
        BookingLifecycle.Require(booking, "marked as a no-show", BookingLifecycle.Held);
        BookingLifecycle.RequireStarted(booking, now);
        return new BookingNoShowRecorded(booking.Id, by, now);
    }

    public static RouteHandlerBuilder MapRecordBookingNoShow(this RouteGroupBuilder bookings) =>
        bookings.MapBookingTransition<NoDetails>("no-show", "RecordBookingNoShow", (_, _) => new FieldErrors(),
            (booking, _, by, now) => Decide(booking, by, now), whenBodyIsEmpty: () => new NoDetails());
}
