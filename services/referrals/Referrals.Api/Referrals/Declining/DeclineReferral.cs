using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.Declining;

internal sealed record DeclineRequest(DeclineReason? Reason, string? Note);

/// <summary><c>POST /referrals/{id}/decline</c>: the partner cannot take the person on, and says why (a note is required for "other").</summary>
internal static class DecliningReferral
{
    public static FieldErrors Validate(DeclineRequest request)
    {
        var errors = new FieldErrors();
        if (request.Reason is null)
        {
            errors.Required("reason", $"This field is required ({VocabularyNames.List<DeclineReason>()}).");
        }

        if (request.Reason == DeclineReason.Other)
        {
            errors.RequireText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        }
        else
        {
            errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        }

        return errors;
    }

    public static ReferralDeclined Decide(Referral referral, DeclineReason reason, string? note, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "declined", ReferralLifecycle.AwaitingAnswer);
        return new ReferralDeclined(referral.Id, reason, note, by, now);
    }

    public static RouteHandlerBuilder MapDeclineReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/decline", HandleAsync)
            .WithName("DeclineReferral")
            .RequireAuthorization(ReferralsRoles.Partner)
            .ProducesChange();

    private static Task<IResult> HandleAsync(Guid id, DeclineRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteReferralAsync(http, id, referral => Decide(referral, request.Reason!.Value,
                ReferralEndpoints.Trimmed(request.Note), http.User.Actor(), http.Now()),
                cancellationToken));
}
