using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
        bookings.MapPost("/{id:guid}/no-show", HandleAsync)
            .WithName("RecordBookingNoShow")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
        session.WriteBookingAsync(http, id, booking => Decide(booking, http.User.Actor(), http.Now()), cancellationToken);
}
