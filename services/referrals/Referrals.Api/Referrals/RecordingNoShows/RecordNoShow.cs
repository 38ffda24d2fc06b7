using Integration.Eventing;
using Integration.Referrals.Referrals.Accepting;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
        referrals.MapPost("/{id:guid}/no-show", HandleAsync)
            .WithName("RecordNoShow")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, IDocumentSession session, HttpContext http, CancellationToken cancellationToken) =>
        session.WriteReferralAsync(http, id, referral => Decide(referral, http.User.Actor(), http.Now()), cancellationToken);
}
