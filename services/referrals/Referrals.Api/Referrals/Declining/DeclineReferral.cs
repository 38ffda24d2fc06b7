using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Declining;

internal sealed record DeclineRequest(DeclineReason? Reason, string? Note);

/// <summary>A decline as parsed: the reason, and the note (required for "other").</summary>
internal sealed record DeclineReferral(DeclineReason Reason, string? Note);

/// <summary><c>POST /referrals/{id}/decline</c>: the partner cannot take the person on, and says why (a note is required for "other").</summary>
internal static class DecliningReferral
{
    public static Parsed<DeclineReferral> Parse(DeclineRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.Require("reason", request.Reason, $"This field is required ({VocabularyNames.List<DeclineReason>()}).");
        var note = reason == DeclineReason.Other
            ? errors.RequireText("note", request.Note, ReferralEndpoints.MaxNoteLength)
            : errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        return errors.Any || reason is not { } given ? errors : new DeclineReferral(given, note);
    }

    public static ReferralDeclined Decide(Referral referral, DeclineReason reason, string? note, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "declined", ReferralLifecycle.AwaitingAnswer);
        return new ReferralDeclined(referral.Id, reason, note, by, now);
    }

    public static RouteHandlerBuilder MapDeclineReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/decline", HandleAsync)
            .WithName("DeclineReferral")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, DeclineRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            decline => session.WriteReferralAsync(http, id, referral => Decide(referral, decline.Reason, decline.Note, http.User.Actor(), http.Now()),
                cancellationToken));
}
