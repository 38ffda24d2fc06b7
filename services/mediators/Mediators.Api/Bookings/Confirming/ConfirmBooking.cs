using Integration.ServiceDefaults;

namespace Integration.Mediators.Bookings.Confirming;

/// <summary><c>POST /bookings/{id}/confirm</c>: the assigned mediator (or staff for them) confirms they will come.</summary>
internal static class ConfirmingBooking
{
    public static BookingConfirmed Decide(Booking booking, string by, DateTimeOffset now)
    {
        BookingLifecycle.Require(booking, "confirmed", BookingStatus.Assigned);
        return new BookingConfirmed(booking.Id, by, now);
    }

    public static RouteHandlerBuilder MapConfirmBooking(this RouteGroupBuilder bookings) =>
        bookings.MapBookingTransition<NoDetails>("confirm", "ConfirmBooking", (_, _) => new FieldErrors(),
            (booking, _, by, now) => Decide(booking, by, now), whenBodyIsEmpty: () => new NoDetails());
}
