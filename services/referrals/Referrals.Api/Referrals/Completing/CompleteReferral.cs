using Integration.ServiceDefaults;

namespace Integration.Referrals.Referrals.Completing;

internal sealed record CompleteRequest(ReferralOutcome? Outcome, string? Note);

/// <summary><c>POST /referrals/{id}/complete</c>: the loop closes with an outcome.</summary>
internal static class CompletingReferral
{
    public static FieldErrors Validate(CompleteRequest request)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome", $"This field is required ({VocabularyNames.List<ReferralOutcome>()}).");
        }

        errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        return errors;
    }

    public static ReferralCompleted Decide(Referral referral, ReferralOutcome outcome, string? note, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "completed", ReferralStatus.Accepted, ReferralStatus.InContact);
        return new ReferralCompleted(referral.Id, outcome, note, by, now);
    }

    public static RouteHandlerBuilder MapCompleteReferral(this RouteGroupBuilder referrals) =>
        referrals.MapReferralTransition<CompleteRequest>("complete", "CompleteReferral", ReferralsRoles.Partner, (request, _) => Validate(request),
            (referral, request, by, now) => Decide(referral, request.Outcome!.Value, ReferralEndpoints.Trimmed(request.Note), by, now));
}
