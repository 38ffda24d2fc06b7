using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

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
        referrals.MapPost("/{id:guid}/withdraw", HandleAsync)
            .WithName("WithdrawReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork)
            .ProducesChange();

    private static Task<IResult> HandleAsync(Guid id, WithdrawRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteReferralAsync(http, id, referral => Decide(referral, request.Reason!.Trim(), http.User.Actor(), http.Now()),
                cancellationToken));
}
