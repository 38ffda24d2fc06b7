using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.Withdrawing;

/// <summary>Body of <c>POST /bookings/{id}/withdraw</c>: why the mediator cannot attend (illness, a clash elsewhere).</summary>
internal sealed record WithdrawRequest(string? Reason);

/// <summary>A withdrawal as parsed: why the mediator cannot attend, trimmed.</summary>
internal sealed record GiveBookingBack(string Reason);

/// <summary>
/// "Can't attend": the assigned mediator (or a coordinator on their behalf) gives the booking back
/// before it starts. Their time is freed in the same transaction, the booking is unfilled again
/// and the fill sweep is woken to offer it to someone else who fits, never to them again.
/// </summary>
internal static class WithdrawFromBooking
{
    public static Parsed<GiveBookingBack> Parse(WithdrawRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, BookingEndpoints.MaxTextLength);
        return errors.Any || reason is not { } given ? errors : new GiveBookingBack(given);
    }

    public static MediatorWithdrew Decide(Booking booking, GiveBookingBack withdrawal, string by, DateTimeOffset now)
    {
        BookingLifecycle.RequireHeld(booking, "given back by its mediator");
        if (now >= booking.Start)
        {
            throw DomainRuleViolated.Conflict("booking_started",
                $"The appointment started at {booking.Start:u}; record a no-show or cancel it instead.");
        }

        // Like a cancellation reason, what is typed about an erased client's booking is not kept.
        var reason = booking.ClientErasedAt is null ? withdrawal.Reason : PersonalDataMasking.Erased;
        return new MediatorWithdrew(booking.Id, booking.MediatorId!.Value, booking.MediatorName!, reason, by, now);
    }

    /// <summary>A mediator withdraws only from their own bookings (another's is a 404); a coordinator from any.</summary>
    public static RouteHandlerBuilder MapWithdrawFromBooking(this RouteGroupBuilder bookings) =>
        bookings.MapPost("/{id:guid}/withdraw", HandleAsync)
            .WithName("WithdrawFromBooking")
            .WithSummary("The assigned mediator cannot attend: free their time and look for someone else")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, WithdrawRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            withdrawal => session.WriteBookingAsync(http, id, booking => Decide(booking, withdrawal, http.User.Actor(), http.Now()),
                cancellationToken, release: true,
                mayAct: (booking, ownMediators) => http.User.IsCoordinator() || (booking.MediatorId is { } mediator && ownMediators.Contains(mediator))));
}
