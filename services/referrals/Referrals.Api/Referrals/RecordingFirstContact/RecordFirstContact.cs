using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.RecordingFirstContact;

internal sealed record FirstContactRequest(DateTimeOffset? At);

/// <summary>A first contact as parsed: when it happened.</summary>
internal sealed record RecordFirstContact(DateTimeOffset At);

/// <summary><c>POST /referrals/{id}/first-contact</c>: the partner met or reached the person; the time lies between the referral and now.</summary>
internal static class RecordingFirstContact
{
    public static Parsed<RecordFirstContact> Parse(FirstContactRequest request)
    {
        var errors = new FieldErrors();
        var at = errors.Require("at", request.At);
        return errors.Any || at is not { } contactAt ? errors : new RecordFirstContact(contactAt);
    }

    public static FirstContactRecorded Decide(Referral referral, DateTimeOffset contactAt, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "marked as in contact", ReferralStatus.Accepted);
        if (contactAt < referral.CreatedAt || contactAt > now)
        {
            throw DomainRuleViolated.OnField("contact_time_invalid", "at", "First contact lies between the referral's creation and now.");
        }

        return new FirstContactRecorded(referral.Id, contactAt, by, now);
    }

    public static RouteHandlerBuilder MapRecordFirstContact(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/first-contact", HandleAsync)
            .WithName("RecordFirstContact")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid id, FirstContactRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            contact => session.WriteReferralAsync(http, id, referral => Decide(referral, contact.At, http.User.Actor(), http.Now()),
                cancellationToken));
}
