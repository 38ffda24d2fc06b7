using System.Globalization;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals;

/// <summary>
/// A step of a referral's closed loop as data: its type (<c>sent</c>, <c>accepted</c>, …), who took
/// it and when, its facts as invariant values (<c>reason</c>, <c>outcome</c>, <c>estimated_date</c>,
/// …), what staff typed (<see cref="Note"/>) and the status it leads to (<see cref="After"/>;
/// none for an update, which moves nothing). Words are for readers: the portal says it in the
/// staff's language, and <see cref="ReferralSteps.Summary"/> says it in English for the API.
/// </summary>
public sealed record ReferralStep(string Type, ReferralStatus? After, DateTimeOffset At, string By, IReadOnlyDictionary<string, string> Facts, string? Note);

/// <summary>The one place that knows which referral events are steps, their facts, and their English summary.</summary>
internal static class ReferralSteps
{
    /// <summary>The type of the step that completes a referral; a recipient's retention period starts there.</summary>
    public const string Completed = "completed";

    /// <summary>The step an event of the referral stream is, or null for events that are not one (a merge, an erasure).</summary>
    public static ReferralStep? Of(object data) => data switch
    {
        ReferralSent e => new("sent", ReferralStatus.Sent, e.SentAt, e.SentBy, Facts(("service_id", e.ServiceId.ToString()), ("service_name", e.ServiceName),
            ("organisation_id", e.OrganisationId.ToString()), ("organisation_name", e.OrganisationName), ("category", Name(e.Category)),
            ("urgency", Name(e.Urgency)), ("need_id", e.NeedId.ToString()), ("response_due_at", Instant(e.ResponseDueAt)),
            ("redirected_from", e.RedirectedFrom?.ToString())), e.Note),
        ReferralAccepted e => new("accepted", ReferralStatus.Accepted, e.At, e.By, Facts(), null),
        ReferralDeclined e => new("declined", ReferralStatus.Declined, e.At, e.By, Facts(("reason", Name(e.Reason))), e.Note),
        ReferralWaitlisted e => new("waitlisted", ReferralStatus.Waitlisted, e.At, e.By,
            Facts(("estimated_date", e.EstimatedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), null),
        FirstContactRecorded e => new("first_contact", ReferralStatus.InContact, e.At, e.By, Facts(("contact_at", Instant(e.ContactAt))), null),
        ReferralCompleted e => new(Completed, ReferralStatus.Completed, e.At, e.By, Facts(("outcome", Name(e.Outcome))), e.Note),
        NoShowRecorded e => new("no_show", ReferralStatus.NoShow, e.At, e.By, Facts(), null),
        ReferralWithdrawn e => new("withdrawn", ReferralStatus.Withdrawn, e.At, e.By, Facts(), e.Reason),
        ReferralRedirected e => new("redirected", ReferralStatus.Redirected, e.At, e.By, Facts(("new_referral_id", e.NewReferralId.ToString()), ("service_name", e.ServiceName)),
            e.Note),
        ReferralBecameOverdue e => new("overdue", ReferralStatus.Sent, e.At, Referral.System, Facts(("due_at", Instant(e.DueAt))), null),
        ReferralSuspended e => new("suspended", ReferralStatus.Suspended, e.At, Referral.System, Facts(), null),
        ReferralUpdatePosted e => new("update_posted", null, e.At, e.By, Facts(("update_id", e.UpdateId.ToString()),
            ("organisation_name", e.OrganisationName)), e.Text),
        _ => null,
    };

    /// <summary>A step in one English sentence, for API readers who do not word the steps themselves; never stored.</summary>
    public static string Summary(string type, IReadOnlyDictionary<string, string> facts, string organisationName)
    {
        string Fact(string name) => facts.TryGetValue(name, out var value) ? value : "";
        string Moment(string name) => DateTimeOffset.TryParse(Fact(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("u", CultureInfo.InvariantCulture)
            : Fact(name);
        return type switch
        {
            "sent" => Fact("redirected_from") is { Length: > 0 } previous
                ? $"Sent to {Fact("service_name")} ({organisationName}) on redirection of referral {previous}; answer due {Moment("response_due_at")}."
                : $"Sent to {Fact("service_name")} ({organisationName}); answer due {Moment("response_due_at")}.",
            "accepted" => $"Accepted by {organisationName}.",
            "declined" => $"Declined by {organisationName}: {Fact("reason")}.",
            "waitlisted" => Fact("estimated_date") is { Length: > 0 } date
                ? $"Waiting list at {organisationName}; a place expected by {date}."
                : $"Waiting list at {organisationName}.",
            "first_contact" => $"First contact with {organisationName} on {Moment("contact_at")}.",
            Completed => $"Completed by {organisationName}: {Fact("outcome")}.",
            "no_show" => $"The client did not come to {organisationName}.",
            "withdrawn" => $"Referral to {organisationName} withdrawn.",
            "redirected" => $"Redirected from {organisationName} to {Fact("service_name")} as referral {Fact("new_referral_id")}.",
            "overdue" => $"No answer from {organisationName} by {Moment("due_at")}: overdue.",
            "suspended" => $"Suspended: the client's consent to share with {organisationName} ended; the partner no longer sees the client's details.",
            "update_posted" => $"Update from {(Fact("organisation_name") is { Length: > 0 } author ? author : "the case worker")}.",
            _ => type,
        };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => VocabularyNames.Name(value);

    private static string Instant(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Facts(params (string Name, string? Value)[] facts) =>
        facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Name, fact => fact.Value!, StringComparer.Ordinal);
}
