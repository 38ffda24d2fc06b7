using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals;

/// <summary>
/// What the closed loop's decisions share: which statuses a change may start from (otherwise 409
/// <c>invalid_transition</c> with the current status, or 410 once the client was erased), and the
/// changes no request makes (overdue, suspended). Each request's own decision is in its slice
/// (<c>Accepting/AcceptReferral.cs</c>…).
/// </summary>
internal static class ReferralLifecycle
{
    public const string InvalidTransition = "invalid_transition";

    /// <summary>Statuses a partner answers from: accept or decline.</summary>
    internal static readonly ReferralStatus[] AwaitingAnswer = [ReferralStatus.Sent, ReferralStatus.Waitlisted];

    private static readonly ReferralStatus[] Open =
        [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Waitlisted, ReferralStatus.InContact];

    /// <summary>Statuses a referral can still move on from; the rest are final.</summary>
    public static IReadOnlyList<ReferralStatus> OpenStatuses => Open;

    /// <summary>Null when the referral was answered, is already overdue, or is not due yet.</summary>
    public static ReferralBecameOverdue? MarkOverdue(Referral referral, DateTimeOffset now)
    {
        return referral.Status == ReferralStatus.Sent && !referral.IsOverdue && referral.ResponseDueAt <= now
            ? new ReferralBecameOverdue(referral.Id, referral.ResponseDueAt, now)
            : null;
    }

    /// <summary>Null when the referral is no longer open (a closed referral keeps its history as it was).</summary>
    public static ReferralSuspended? Suspend(Referral referral, Guid consentId, DateTimeOffset now)
    {
        return Open.Contains(referral.Status) ? new ReferralSuspended(referral.Id, consentId, now) : null;
    }

    /// <summary>Refuses a change to a referral of an erased client (410) or in a status not among <paramref name="allowed"/> (409).</summary>
    public static void Require(Referral referral, string becoming, params ReferralStatus[] allowed)
    {
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
