using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.Completing;

internal sealed record CompleteRequest(int? ActualMinutes);

/// <summary>A completion as parsed: the minutes the mediation took.</summary>
internal sealed record CompleteBooking(int ActualMinutes);

/// <summary><c>POST /bookings/{id}/complete</c>: after the start, the minutes the mediation took.</summary>
internal static class CompletingBooking
{
    public const int MaxActualMinutes = 720;

    public static Parsed<CompleteBooking> Parse(CompleteRequest request)
    {
        var errors = new FieldErrors();
        if (request.ActualMinutes is not (>= 1 and <= MaxActualMinutes))
        {
            errors.Required("actualMinutes", $"This field is required: the minutes the mediation took (1 to {MaxActualMinutes}).");
        }

        return errors.Any || request.ActualMinutes is not { } minutes ? errors : new CompleteBooking(minutes);
    }

    public static BookingCompleted Decide(Booking booking, int actualMinutes, string by, DateTimeOffset now)
    {
        BookingLifecycle.Require(booking, "completed", BookingLifecycle.Held);
        BookingLifecycle.RequireStarted(booking, now);
        return new BookingCompleted(booking.Id, actualMinutes, by, now);
    }

    public static RouteHandlerBuilder MapCompleteBooking(this RouteGroupBuilder bookings) =>
        bookings.MapPost("/{id:guid}/complete", HandleAsync)
            .WithName("CompleteBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, CompleteRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            completion => session.WriteBookingAsync(http, id, booking => Decide(booking, completion.ActualMinutes, http.User.Actor(), http.Now()),
                cancellationToken));
}
