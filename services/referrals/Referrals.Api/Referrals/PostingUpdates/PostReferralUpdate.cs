using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.PostingUpdates;

internal sealed record PostReferralUpdateRequest(string? Text);

/// <summary>An update as parsed: its text, trimmed.</summary>
internal sealed record PostReferralUpdate(string Text);

public sealed record ReferralUpdateCreated(Guid UpdateId);

/// <summary>
/// <c>POST /referrals/{id}/updates</c>: the shared progress of a referral (Palermo's "circulating
/// e-folder"). The referring case worker and the recipient organisation post; both read them on the
/// referral, the partner only while the client's consent shares <c>case_notes</c> with it. A partner
/// may always report to the referrer; what it reads back is what consent allows.
/// </summary>
internal static class PostingReferralUpdate
{
    public const int MaxLength = 4000;

    public static Parsed<PostReferralUpdate> Parse(PostReferralUpdateRequest request)
    {
        var errors = new FieldErrors();
        var text = errors.RequireText("text", request.Text, MaxLength);
        return errors.Any || text is not { } given ? errors : new PostReferralUpdate(given);
    }

    public static ReferralUpdatePosted Decide(Referral referral, Guid updateId, string text, string by, string byName, bool byPartner, DateTimeOffset now)
    {
        if (referral.ClientErasedAt is not null)
        {
            throw new DomainRuleViolated(ProblemCodes.ClientErased,
                "The client's personal data was erased; the referral is kept for the counts and takes no more updates.", StatusCodes.Status410Gone);
        }

        return new ReferralUpdatePosted(referral.Id, updateId, text, by, byName, byPartner ? referral.OrganisationName : null, now);
    }

    public static RouteHandlerBuilder MapPostReferralUpdate(this IEndpointRouteBuilder referrals) =>
        referrals.MapPost("/{id:guid}/updates", HandleAsync)
            .WithName("PostReferralUpdate")
            .RequireAuthorization(ReferralsRoles.PostUpdate);

    private static async Task<WriteResult<CreatedResult<ReferralUpdateCreated>>> HandleAsync(Guid id, PostReferralUpdateRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var update, out var errors))
        {
            return errors.ToProblem();
        }

        var now = http.Now();
        var updateId = Guid.CreateVersion7(now);
        return await session.WriteAsync<Referral, CreatedResult<ReferralUpdateCreated>>(http, id,
            referral => Task.FromResult<IReadOnlyList<object>>(
                [Decide(referral, updateId, update.Text, http.User.Actor(), http.User.DisplayName(), http.User.IsInRole("partner"), now)]),
            () => CreatedResult.Now($"{http.Request.PathBase}/referrals/{id}", new ReferralUpdateCreated(updateId)),
            cancellationToken, ReferralEndpoints.Visible(http.User), ReferralEndpoints.NoSuchReferral);
    }
}
