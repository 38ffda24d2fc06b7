using System.Globalization;
using Integration.Eventing;
using Integration.ServiceDefaults;

namespace Integration.Mediators.Bookings;

/// <summary>
/// A step of a booking as data: its type (<c>requested</c>, <c>assigned</c>, …), the status it leads
/// to, who took it and when, its facts as invariant values (<c>mediator_name</c>,
/// <c>actual_minutes</c>, …) and what staff typed (<see cref="Note"/>). Words are for readers: the
/// portal says it in the staff's language, and <see cref="BookingSteps.Summary"/> in English for the API.
/// </summary>
public sealed record BookingStep(string Type, BookingStatus After, DateTimeOffset At, string By, IReadOnlyDictionary<string, string> Facts,
    string? Note);

/// <summary>The one place that knows which booking events are steps, their facts, and their English summary.</summary>
internal static class BookingSteps
{
    /// <summary>The step an event of the booking stream is, or null for events that are not one (a merge, an erasure).</summary>
    public static BookingStep? Of(object data) => data switch
    {
        BookingRequested e => new("requested", BookingStatus.Unfilled, e.RequestedAt, e.RequestedBy,
            Facts(("language", e.Language), ("dialect", e.Dialect), ("mode", Name(e.Mode)),
                ("specialism", e.Specialism is { } specialism ? Name(specialism) : null), ("start", Instant(e.Start)),
                ("duration_minutes", e.DurationMinutes.ToString(CultureInfo.InvariantCulture)), ("referral_id", e.ReferralId?.ToString())), null),
        MediatorAssigned e => new("assigned", BookingStatus.Assigned, e.At, Booking.System,
            Facts(("mediator_id", e.MediatorId.ToString()), ("mediator_name", e.MediatorName)), null),
        NoMediatorFound e => new("unfilled", BookingStatus.Unfilled, e.At, Booking.System, Facts(), null),
        BookingConfirmed e => new("confirmed", BookingStatus.Confirmed, e.At, e.By, Facts(), null),
        BookingCancelled e => new("cancelled", BookingStatus.Cancelled, e.At, e.By, Facts(), e.Reason),
        MediatorWithdrew e => new("withdrawn", BookingStatus.Unfilled, e.At, e.By,
            Facts(("mediator_id", e.MediatorId.ToString()), ("mediator_name", e.MediatorName)), e.Reason),
        BookingCompleted e => new("completed", BookingStatus.Completed, e.At, e.By,
            Facts(("actual_minutes", e.ActualMinutes.ToString(CultureInfo.InvariantCulture))), null),
        BookingNoShowRecorded e => new("no_show", BookingStatus.NoShow, e.At, e.By, Facts(), null),
        _ => null,
    };

    /// <summary>
    /// A step in one English sentence, for API readers who do not word the steps themselves; never
    /// stored. <paramref name="mediatorName"/> names who confirmed (the step itself does not).
    /// </summary>
    public static string Summary(string type, IReadOnlyDictionary<string, string> facts, string language, string? mediatorName)
    {
        string Fact(string name) => facts.TryGetValue(name, out var value) ? value : "";
        var languageName = IsoCodes.LanguageName(language) ?? language;
        return type switch
        {
            "requested" => $"A {languageName} mediator requested for "
                + (DateTimeOffset.TryParse(Fact("start"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                    ? start.ToString("u", CultureInfo.InvariantCulture)
                    : Fact("start"))
                + $" ({Fact("duration_minutes")} minutes, {Fact("mode")}).",
            "assigned" => $"{Fact("mediator_name")} assigned as {languageName} mediator.",
            "unfilled" => $"No {languageName} mediator free: unfilled until a matching mediator becomes free before the start.",
            "confirmed" => $"{mediatorName ?? "The mediator"} confirmed.",
            "cancelled" => "Mediator booking cancelled.",
            "withdrawn" => $"{Fact("mediator_name")} cannot attend: looking for another {languageName} mediator.",
            "completed" => $"Mediation completed: {Fact("actual_minutes")} minutes.",
            "no_show" => "The client did not come to the mediated appointment.",
            _ => type,
        };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => VocabularyNames.Name(value);

    private static string Instant(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Facts(params (string Name, string? Value)[] facts) =>
        facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Name, fact => fact.Value!, StringComparer.Ordinal);
}
