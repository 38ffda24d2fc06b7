using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

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
        referrals.MapPost("/{id:guid}/complete", HandleAsync)
            .WithName("CompleteReferral")
            .RequireAuthorization(ReferralsRoles.Partner)
            .ProducesChange();

    private static Task<IResult> HandleAsync(Guid id, CompleteRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteReferralAsync(http, id, referral => Decide(referral, request.Outcome!.Value,
                ReferralEndpoints.Trimmed(request.Note), http.User.Actor(), http.Now()),
                cancellationToken));
}
