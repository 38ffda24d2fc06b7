using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
        bookings.MapPost("/{id:guid}/confirm", HandleAsync)
            .WithName("ConfirmBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
        session.WriteBookingAsync(http, id, booking => Decide(booking, http.User.Actor(), http.Now()), cancellationToken);
}
