using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals.Withdrawing;

internal sealed record WithdrawRequest(string? Reason);

/// <summary><c>POST /referrals/{id}/withdraw</c>: the case worker takes the referral back, with a reason, while it is open or suspended.</summary>
internal static class WithdrawingReferral
{
    public static FieldErrors Validate(WithdrawRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("reason", request.Reason, ReferralEndpoints.MaxNoteLength);
        return errors;
    }

    public static ReferralWithdrawn Decide(Referral referral, string reason, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "withdrawn", [.. ReferralLifecycle.OpenStatuses, ReferralStatus.Suspended]);
        return new ReferralWithdrawn(referral.Id, reason, by, now);
    }

    public static RouteHandlerBuilder MapWithdrawReferral(this RouteGroupBuilder referrals) =>
        referrals.MapReferralTransition<WithdrawRequest>("withdraw", "WithdrawReferral", ReferralsRoles.CaseWork, (request, _) => Validate(request),
            (referral, request, by, now) => Decide(referral, request.Reason!.Trim(), by, now));
}
