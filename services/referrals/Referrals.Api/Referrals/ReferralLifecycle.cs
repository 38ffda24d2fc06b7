using Integration.Referrals.Clients;
using Integration.Referrals.Directory;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals;

/// <summary>
/// The pure decisions of the closed loop: current state + command → events, or a
/// <see cref="DomainRuleViolated"/> (409 <c>invalid_transition</c> with the current status).
/// </summary>
public static class ReferralLifecycle
{
    public const string InvalidTransition = "invalid_transition";

    private static readonly ReferralStatus[] AwaitingAnswer = [ReferralStatus.Sent, ReferralStatus.Waitlisted];
    private static readonly ReferralStatus[] Open =
        [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Waitlisted, ReferralStatus.InContact];

    /// <summary>Statuses a referral can still move on from; the rest are final.</summary>
    public static IReadOnlyList<ReferralStatus> OpenStatuses => Open;

    public static ReferralSent Send(
        Guid referralId, ClientReference client, Guid needId, PartnerService service, Organisation organisation, Priority urgency, string? note,
        string office, IReadOnlyList<Guid> coveringConsents, Guid? redirectedFrom, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(coveringConsents);
        if (client.ErasedAt is not null)
        {
            throw new DomainRuleViolated(ProblemCodes.ClientErased, "The client's personal data was erased; nothing more is referred.",
                StatusCodes.Status410Gone);
        }

        if (client.MergedInto is { } survivor)
        {
            throw DomainRuleViolated.Conflict("client_merged", $"This record is merged into client {survivor}; refer that one.");
        }

        var need = client.FindNeed(needId)
            ?? throw new DomainRuleViolated("unknown_need", "The client has no need with this id (needs come from intake).");
        if (need.Status != ClientNeed.Open)
        {
            throw new DomainRuleViolated("need_resolved", "The need is resolved; only open needs are referred.");
        }

        if (coveringConsents.Count == 0)
        {
            throw new DomainRuleViolated("consent_required",
                "No active consent of the client covers referral to this organisation or service category; record the client's consent at intake first.",
                extensions: new Dictionary<string, object?>
                {
                    ["organisationId"] = organisation.Id,
                    ["category"] = VocabularyNames.Name(service.Category),
                });
        }

        return new ReferralSent(referralId, client.Id, needId, service.Id, service.Name, organisation.Id, organisation.Name, service.Category,
            urgency, note, office, now.AddHours(service.ResponseHours), redirectedFrom, coveringConsents, by, now);
    }

    public static ReferralAccepted Accept(Referral referral, string by, DateTimeOffset now)
    {
        Require(referral, "accepted", AwaitingAnswer);
        return new ReferralAccepted(referral.Id, by, now);
    }

    public static ReferralDeclined Decline(Referral referral, DeclineReason reason, string? note, string by, DateTimeOffset now)
    {
        Require(referral, "declined", AwaitingAnswer);
        return new ReferralDeclined(referral.Id, reason, note, by, now);
    }

    public static ReferralWaitlisted Waitlist(Referral referral, DateOnly? estimatedDate, string by, DateTimeOffset now)
    {
        Require(referral, "waitlisted", ReferralStatus.Sent);
        return new ReferralWaitlisted(referral.Id, estimatedDate, by, now);
    }

    public static FirstContactRecorded RecordFirstContact(Referral referral, DateTimeOffset contactAt, string by, DateTimeOffset now)
    {
        Require(referral, "marked as in contact", ReferralStatus.Accepted);
        if (contactAt < referral.CreatedAt || contactAt > now)
        {
            throw new DomainRuleViolated("contact_time_invalid", "First contact lies between the referral's creation and now.");
        }

        return new FirstContactRecorded(referral.Id, contactAt, by, now);
    }

    public static ReferralCompleted Complete(Referral referral, ReferralOutcome outcome, string? note, string by, DateTimeOffset now)
    {
        Require(referral, "completed", ReferralStatus.Accepted, ReferralStatus.InContact);
        return new ReferralCompleted(referral.Id, outcome, note, by, now);
    }

    public static NoShowRecorded RecordNoShow(Referral referral, string by, DateTimeOffset now)
    {
        Require(referral, "marked as a no-show", ReferralStatus.Accepted);
        return new NoShowRecorded(referral.Id, by, now);
    }

    public static ReferralWithdrawn Withdraw(Referral referral, string reason, string by, DateTimeOffset now)
    {
        Require(referral, "withdrawn", [.. Open, ReferralStatus.Suspended]);
        return new ReferralWithdrawn(referral.Id, reason, by, now);
    }

    /// <summary>Ends this referral and starts its successor to another service; both keep the link.</summary>
    public static ReferralRedirected Redirect(Referral referral, ReferralSent successor, string? note, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(successor);
        Require(referral, "redirected", [.. Open, ReferralStatus.Declined, ReferralStatus.NoShow]);
        if (successor.ServiceId == referral.ServiceId)
        {
            throw new DomainRuleViolated("same_service", "A redirection goes to another service.");
        }

        return new ReferralRedirected(referral.Id, successor.ReferralId, successor.ServiceId, successor.ServiceName, note, by, now);
    }

    /// <summary>Null when the referral was answered, is already overdue, or is not due yet.</summary>
    public static ReferralBecameOverdue? MarkOverdue(Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.Status == ReferralStatus.Sent && !referral.IsOverdue && referral.ResponseDueAt <= now
            ? new ReferralBecameOverdue(referral.Id, referral.ResponseDueAt, now)
            : null;
    }

    /// <summary>Null when the referral is no longer open (a closed referral keeps its history as it was).</summary>
    public static ReferralSuspended? Suspend(Referral referral, Guid consentId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Open.Contains(referral.Status) ? new ReferralSuspended(referral.Id, consentId, now) : null;
    }

    private static void Require(Referral referral, string becoming, params ReferralStatus[] allowed)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.ClientErasedAt is not null)
        {
            throw new DomainRuleViolated(ProblemCodes.ClientErased,
                "The client's personal data was erased; the referral is kept for the counts and takes no more actions.",
                StatusCodes.Status410Gone);
        }

        if (!allowed.Contains(referral.Status))
        {
            throw DomainRuleViolated.Conflict(InvalidTransition,
                $"A referral that is {VocabularyNames.Name(referral.Status)} cannot be {becoming}.",
                new Dictionary<string, object?> { ["status"] = VocabularyNames.Name(referral.Status) });
        }
    }
}
