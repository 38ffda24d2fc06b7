using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals.Waitlisting;

internal sealed record WaitlistRequest(DateOnly? EstimatedDate);

/// <summary><c>POST /referrals/{id}/waitlist</c>: no place yet; the person waits, with an estimated date when the partner has one.</summary>
internal static class WaitlistingReferral
{
    public static FieldErrors Validate(WaitlistRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (request.EstimatedDate < DateOnly.FromDateTime(now.UtcDateTime))
        {
            errors.Add("estimatedDate", "Today or later.");
        }

        return errors;
    }

    public static ReferralWaitlisted Decide(Referral referral, DateOnly? estimatedDate, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "waitlisted", ReferralStatus.Sent);
        return new ReferralWaitlisted(referral.Id, estimatedDate, by, now);
    }

    public static RouteHandlerBuilder MapWaitlistReferral(this RouteGroupBuilder referrals) =>
        referrals.MapReferralTransition<WaitlistRequest>("waitlist", "WaitlistReferral", ReferralsRoles.Partner, Validate,
            (referral, request, by, now) => Decide(referral, request.EstimatedDate, by, now), whenBodyIsEmpty: () => new WaitlistRequest(null));
}
