using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.Cancelling;

internal sealed record CancelRequest(string? Reason);

/// <summary>A cancellation as parsed: the reason, trimmed.</summary>
internal sealed record CancelBooking(string Reason);

/// <summary>
/// <c>POST /bookings/{id}/cancel</c>: the appointment is off, with a reason; the mediator's time is freed in the same
/// transaction and the fill sweep woken. Also what a withdrawn referral does to its bookings.
/// </summary>
internal static class CancellingBooking
{
    public static Parsed<CancelBooking> Parse(CancelRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, BookingEndpoints.MaxTextLength);
        return errors.Any || reason is not { } given ? errors : new CancelBooking(given);
    }

    public static BookingCancelled Decide(Booking booking, string reason, string by, DateTimeOffset now)
    {
        BookingLifecycle.Require(booking, "cancelled", [.. BookingLifecycle.Held, BookingStatus.Unfilled]);
        // The booking still runs after its client's erasure (the mediator's time is real), but what staff type about it is not kept.
        return new BookingCancelled(booking.Id, booking.ClientErasedAt is null ? reason : PersonalDataMasking.Erased, by, now);
    }

    public static RouteHandlerBuilder MapCancelBooking(this RouteGroupBuilder bookings) =>
        bookings.MapPost("/{id:guid}/cancel", HandleAsync)
            .WithName("CancelBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, CancelRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            cancel => session.WriteBookingAsync(http, id, booking => Decide(booking, cancel.Reason, http.User.Actor(), http.Now()),
                cancellationToken, release: true));
}
