using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Waitlisting;

internal sealed record WaitlistRequest(DateOnly? EstimatedDate);

/// <summary>A waitlisting as parsed: the estimated date when the partner has one.</summary>
internal sealed record WaitlistReferral(DateOnly? EstimatedDate);

/// <summary><c>POST /referrals/{id}/waitlist</c>: no place yet; the person waits, with an estimated date when the partner has one.</summary>
internal static class WaitlistingReferral
{
    public static Parsed<WaitlistReferral> Parse(WaitlistRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (request.EstimatedDate < DateOnly.FromDateTime(now.UtcDateTime))
        {
            errors.Add("estimatedDate", "Today or later.");
        }

        return errors.Any ? errors : new WaitlistReferral(request.EstimatedDate);
    }

    public static ReferralWaitlisted Decide(Referral referral, DateOnly? estimatedDate, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "waitlisted", ReferralStatus.Sent);
        return new ReferralWaitlisted(referral.Id, estimatedDate, by, now);
    }

    public static RouteHandlerBuilder MapWaitlistReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/waitlist", HandleAsync)
            .WithName("WaitlistReferral")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, WaitlistRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body ?? new WaitlistRequest(null), request => Parse(request, http.Now()),
            waitlisting => session.WriteReferralAsync(http, id, referral => Decide(referral, waitlisting.EstimatedDate, http.User.Actor(), http.Now()),
                cancellationToken));
}
