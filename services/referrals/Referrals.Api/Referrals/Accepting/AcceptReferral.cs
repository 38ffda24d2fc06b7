using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals.Accepting;

/// <summary>The body of a command that needs none (accept, no-show).</summary>
public sealed record NoDetails;

/// <summary><c>POST /referrals/{id}/accept</c>: the partner takes the person on (from sent or waitlisted).</summary>
internal static class AcceptingReferral
{
    public static ReferralAccepted Decide(Referral referral, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "accepted", ReferralLifecycle.AwaitingAnswer);
        return new ReferralAccepted(referral.Id, by, now);
    }

    public static RouteHandlerBuilder MapAcceptReferral(this RouteGroupBuilder referrals) =>
        referrals.MapReferralTransition<NoDetails>("accept", "AcceptReferral", ReferralsRoles.Partner, (_, _) => new FieldErrors(),
            (referral, _, by, now) => Decide(referral, by, now), whenBodyIsEmpty: () => new NoDetails());
}
