using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Bookings.Reading;

/// <summary><c>GET /bookings/{id}</c>: one booking, to whoever may see it (<see cref="BookingEndpoints.CanSee"/>; 404 to anyone else).</summary>
public static class GettingBooking
{
    public static RouteHandlerBuilder MapGetBooking(this RouteGroupBuilder bookings) =>
        bookings.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings)
            .Produces<Booking>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var booking = await session.LoadAsync<Booking>(id, cancellationToken);
        if (booking is null || !BookingEndpoints.CanSee(http.User, booking, await BookingEndpoints.OwnMediatorsAsync(session, http.User, cancellationToken)))
        {
            return StreamWrites.NotFound("No such booking.");
        }

        http.Response.Headers.ETag = ETags.For(booking.Version);
        return TypedResults.Ok(booking);
    }
}
