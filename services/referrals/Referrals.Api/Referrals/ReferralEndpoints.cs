using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Referrals.Accepting;
using Integration.Referrals.Referrals.Completing;
using Integration.Referrals.Referrals.Declining;
using Integration.Referrals.Referrals.Listing;
using Integration.Referrals.Referrals.PostingUpdates;
using Integration.Referrals.Referrals.Reading;
using Integration.Referrals.Referrals.RecordingFirstContact;
using Integration.Referrals.Referrals.RecordingNoShows;
using Integration.Referrals.Referrals.Redirecting;
using Integration.Referrals.Referrals.Searching;
using Integration.Referrals.Referrals.Sending;
using Integration.Referrals.Referrals.Waitlisting;
using Integration.Referrals.Referrals.Watching;
using Integration.Referrals.Referrals.Withdrawing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals;

/// <summary>
/// The referral routes, each use case in its own file under a folder named for what it does
/// (<c>Sending/SendReferral.cs</c>, <c>Accepting/AcceptReferral.cs</c>…), and what they share: who
/// may see a referral, the note length, and how a referral is changed.
/// </summary>
internal static class ReferralEndpoints
{
    public const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder endpoints)
    {
        var referrals = endpoints.MapGroup("/referrals").WithTags("Referrals").RecordsClientDataReads();
        referrals.MapSendReferral();
        referrals.MapGetReferral();
        referrals.MapListReferrals();
        referrals.MapWatchClientReferrals();
        endpoints.MapSearchInbox();
        endpoints.MapCountInbox();
        referrals.MapAcceptReferral();
        referrals.MapDeclineReferral();
        referrals.MapWaitlistReferral();
        referrals.MapRecordFirstContact();
        referrals.MapCompleteReferral();
        referrals.MapRecordNoShow();
        referrals.MapWithdrawReferral();
        referrals.MapPostReferralUpdate();
        referrals.MapRedirectReferral();
        return endpoints;
    }

    /// <summary>
    /// Partner staff see only referrals addressed to their organisation, case workers those of their
    /// office (<see cref="OfficeAccess"/>): anything else does not exist for them (404, so that not even
    /// existence leaks).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, Referral referral)
    {
        return user.IsInRole("partner")
            ? user.Organisation() == referral.OrganisationId
            : user.WorksWithOffice(referral.Office);
    }

    /// <summary>
    /// Changes a referral through <see cref="StreamWrites"/>; one the caller may not see is a 404
    /// like one that does not exist (partners act only on their organisation's referrals).
    /// </summary>
    public static Task<WriteResult<NoContent>> WriteReferralAsync(this IDocumentSession session, HttpContext http, Guid id, Func<Referral, object> decide,
        CancellationToken cancellationToken) =>
        session.WriteAsync(http, id, decide, cancellationToken, Visible(http.User), notFound: NoSuchReferral);

    public const string NoSuchReferral = "No such referral.";

    /// <summary>A 404 for a referral the caller may not see (<see cref="CanSee"/>), so that not even existence leaks.</summary>
    public static Func<Referral, Task<Refusal?>> Visible(ClaimsPrincipal user) =>
        referral => Task.FromResult(CanSee(user, referral) ? null : (Refusal)StreamWrites.NotFound(NoSuchReferral));
}
