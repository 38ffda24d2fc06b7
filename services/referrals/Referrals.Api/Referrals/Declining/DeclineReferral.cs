using Integration.ServiceDefaults;

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
        referrals.MapReferralTransition<DeclineRequest>("decline", "DeclineReferral", ReferralsRoles.Partner, (request, _) => Validate(request),
            (referral, request, by, now) => Decide(referral, request.Reason!.Value, ReferralEndpoints.Trimmed(request.Note), by, now));
}
