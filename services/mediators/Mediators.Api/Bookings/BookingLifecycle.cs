using Integration.ServiceDefaults;

namespace Integration.Mediators.Bookings;

/// <summary>
/// The status rules a booking's changes share: which statuses a change may start from (otherwise 409
/// <c>invalid_transition</c> with the current status), and that what happened at an appointment is
/// recorded after its start. Each change's own decision is in its slice (<c>Confirming/ConfirmBooking.cs</c>…).
/// </summary>
internal static class BookingLifecycle
{
    public const string InvalidTransition = "invalid_transition";

    /// <summary>The statuses in which a booking holds a mediator's time.</summary>
    internal static readonly BookingStatus[] Held = [BookingStatus.Assigned, BookingStatus.Confirmed];

    /// <summary>The booking holds a mediator's time (assigned or confirmed), or 409 <c>invalid_transition</c>.</summary>
    public static void RequireHeld(Booking booking, string becoming) => Require(booking, becoming, Held);

    /// <summary>409 <c>booking_not_started</c> before the appointment's start.</summary>
    public static void RequireStarted(Booking booking, DateTimeOffset now)
    {
        if (now < booking.Start)
        {
            throw DomainRuleViolated.Conflict("booking_not_started", $"The appointment starts at {booking.Start:u}; record what happened after it.");
        }
    }

    /// <summary>409 <c>invalid_transition</c> unless the booking's status is among <paramref name="allowed"/>.</summary>
    public static void Require(Booking booking, string becoming, params BookingStatus[] allowed)
    {
        if (!allowed.Contains(booking.Status))
        {
            throw DomainRuleViolated.Conflict(InvalidTransition,
                $"A booking that is {VocabularyNames.Name(booking.Status)} cannot be {becoming}.",
                new Dictionary<string, object?> { ["status"] = VocabularyNames.Name(booking.Status) });
        }
    }
}
