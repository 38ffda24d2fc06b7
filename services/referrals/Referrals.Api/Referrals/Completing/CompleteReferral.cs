using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Completing;

internal sealed record CompleteRequest(ReferralOutcome? Outcome, string? Note);

/// <summary>A completion as parsed: the outcome, and the note when there is one.</summary>
internal sealed record CompleteReferral(ReferralOutcome Outcome, string? Note);

/// <summary><c>POST /referrals/{id}/complete</c>: the loop closes with an outcome.</summary>
internal static class CompletingReferral
{
    public static Parsed<CompleteReferral> Parse(CompleteRequest request)
    {
        var errors = new FieldErrors();
        var outcome = errors.Require("outcome", request.Outcome, $"This field is required ({VocabularyNames.List<ReferralOutcome>()}).");
        var note = errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        return errors.Any || outcome is not { } given ? errors : new CompleteReferral(given, note);
    }

    public static ReferralCompleted Decide(Referral referral, ReferralOutcome outcome, string? note, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "completed", ReferralStatus.Accepted, ReferralStatus.InContact);
        return new ReferralCompleted(referral.Id, outcome, note, by, now);
    }

    public static RouteHandlerBuilder MapCompleteReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/complete", HandleAsync)
            .WithName("CompleteReferral")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, CompleteRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            completion => session.WriteReferralAsync(http, id,
                referral => Decide(referral, completion.Outcome, completion.Note, http.User.Actor(), http.Now()), cancellationToken));
}
