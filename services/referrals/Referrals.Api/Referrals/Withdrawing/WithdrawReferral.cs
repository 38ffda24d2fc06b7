using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Withdrawing;

internal sealed record WithdrawRequest(string? Reason);

/// <summary>A withdrawal as parsed: the reason, trimmed.</summary>
internal sealed record WithdrawReferral(string Reason);

/// <summary><c>POST /referrals/{id}/withdraw</c>: the case worker takes the referral back, with a reason, while it is open or suspended.</summary>
internal static class WithdrawingReferral
{
    public static Parsed<WithdrawReferral> Parse(WithdrawRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, ReferralEndpoints.MaxNoteLength);
        return errors.Any || reason is not { } given ? errors : new WithdrawReferral(given);
    }

    public static ReferralWithdrawn Decide(Referral referral, string reason, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "withdrawn", [.. ReferralLifecycle.OpenStatuses, ReferralStatus.Suspended]);
        return new ReferralWithdrawn(referral.Id, reason, by, now);
    }

    public static RouteHandlerBuilder MapWithdrawReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/withdraw", HandleAsync)
            .WithName("WithdrawReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, WithdrawRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            withdrawal => session.WriteReferralAsync(http, id, referral => Decide(referral, withdrawal.Reason, http.User.Actor(), http.Now()),
                cancellationToken));
}
