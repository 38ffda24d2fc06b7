using Integration.Eventing;
using Integration.ServiceDefaults;

namespace Integration.Mediators.Bookings;

/// <summary>The pure decisions of a booking's life: state + command → event, or 409 <c>invalid_transition</c> with the current status.</summary>
public static class BookingLifecycle
{
    public const string InvalidTransition = "invalid_transition";

    private static readonly BookingStatus[] Held = [BookingStatus.Assigned, BookingStatus.Confirmed];

    public static BookingConfirmed Confirm(Booking booking, string by, DateTimeOffset now)
    {
        Require(booking, "confirmed", BookingStatus.Assigned);
        return new BookingConfirmed(booking.Id, by, now);
    }

    public static BookingCancelled Cancel(Booking booking, string reason, string by, DateTimeOffset now)
    {
        Require(booking, "cancelled", [.. Held, BookingStatus.Unfilled]);
        // The booking still runs after its client's erasure (the mediator's time is real), but what staff type about it is not kept.
        return new BookingCancelled(booking.Id, booking.ClientErasedAt is null ? reason : PersonalDataMasking.Erased, by, now);
    }

    public static BookingCompleted Complete(Booking booking, int actualMinutes, string by, DateTimeOffset now)
    {
        Require(booking, "completed", Held);
        RequireStarted(booking, now);
        return new BookingCompleted(booking.Id, actualMinutes, by, now);
    }

    public static BookingNoShowRecorded RecordNoShow(Booking booking, string by, DateTimeOffset now)
    {
        Require(booking, "marked as a no-show", Held);
        RequireStarted(booking, now);
        return new BookingNoShowRecorded(booking.Id, by, now);
    }

    /// <summary>The booking holds a mediator's time (assigned or confirmed), or 409 <c>invalid_transition</c>.</summary>
    public static void RequireHeld(Booking booking, string becoming) => Require(booking, becoming, Held);

    private static void RequireStarted(Booking booking, DateTimeOffset now)
    {
        if (now < booking.Start)
        {
            throw DomainRuleViolated.Conflict("booking_not_started", $"The appointment starts at {booking.Start:u}; record what happened after it.");
        }
    }

    private static void Require(Booking booking, string becoming, params BookingStatus[] allowed)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (!allowed.Contains(booking.Status))
        {
            throw DomainRuleViolated.Conflict(InvalidTransition,
                $"A booking that is {VocabularyNames.Name(booking.Status)} cannot be {becoming}.",
                new Dictionary<string, object?> { ["status"] = VocabularyNames.Name(booking.Status) });
        }
    }
}
