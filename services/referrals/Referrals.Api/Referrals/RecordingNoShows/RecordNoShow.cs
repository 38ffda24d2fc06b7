using Integration.ServiceDefaults;
using Integration.Referrals.Referrals.Accepting;

namespace Integration.Referrals.Referrals.RecordingNoShows;

/// <summary><c>POST /referrals/{id}/no-show</c>: the person did not come to an accepted referral.</summary>
internal static class RecordingNoShow
{
    public static NoShowRecorded Decide(Referral referral, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "marked as a no-show", ReferralStatus.Accepted);
        return new NoShowRecorded(referral.Id, by, now);
    }

    public static RouteHandlerBuilder MapRecordNoShow(this RouteGroupBuilder referrals) =>
        referrals.MapReferralTransition<NoDetails>("no-show", "RecordNoShow", ReferralsRoles.Partner, (_, _) => new FieldErrors(),
            (referral, _, by, now) => Decide(referral, by, now), whenBodyIsEmpty: () => new NoDetails());
}
