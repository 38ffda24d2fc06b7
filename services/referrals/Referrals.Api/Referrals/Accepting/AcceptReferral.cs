using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
        referrals.MapPost("/{id:guid}/accept", HandleAsync)
            .WithName("AcceptReferral")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
        session.WriteReferralAsync(http, id, referral => Decide(referral, http.User.Actor(), http.Now()), cancellationToken);
}
