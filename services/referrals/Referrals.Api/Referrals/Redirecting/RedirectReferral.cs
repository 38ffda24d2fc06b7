using Integration.Eventing;
using Integration.Referrals.Referrals.Sending;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.Redirecting;

internal sealed record RedirectRequest(Guid? ServiceId, string? Note);

/// <summary>A redirection as parsed: the service the person goes on to, and the note when there is one.</summary>
internal sealed record RedirectReferral(Guid ServiceId, string? Note);

/// <summary>
/// <c>POST /referrals/{id}/redirect</c>: the case worker sends the person on to another service. This referral ends
/// and its successor starts in one transaction (the successor passes every check a new referral does); both keep the link.
/// </summary>
internal static class RedirectingReferral
{
    public static Parsed<RedirectReferral> Parse(RedirectRequest request)
    {
        var errors = new FieldErrors();
        var serviceId = errors.Require("serviceId", request.ServiceId);
        var note = errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        return errors.Any || serviceId is not { } service ? errors : new RedirectReferral(service, note);
    }

    public static ReferralRedirected Decide(Referral referral, ReferralSent successor, string? note, string by, DateTimeOffset now)
    {
        ReferralLifecycle.Require(referral, "redirected", [.. ReferralLifecycle.OpenStatuses, ReferralStatus.Declined, ReferralStatus.NoShow]);
        if (successor.ServiceId == referral.ServiceId)
        {
            throw DomainRuleViolated.OnField("same_service", "serviceId", "A redirection goes to another service.");
        }

        return new ReferralRedirected(referral.Id, successor.ReferralId, successor.ServiceId, successor.ServiceName, note, by, now);
    }

    public static RouteHandlerBuilder MapRedirectReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/{id:guid}/redirect", HandleAsync)
            .WithName("RedirectReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork);

    private static async Task<WriteResult<CreatedResult<ReferralCreated>>> HandleAsync(Guid id, RedirectRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var redirection, out var errors))
        {
            return errors.ToProblem();
        }

        var now = http.Now();
        ReferralSent? successor = null;
        return await session.WriteAsync<Referral, CreatedResult<ReferralCreated>>(http, id, async current =>
            {
                successor = await SendingReferral.SendAsync(session, http, Guid.CreateVersion7(now), current.ClientId, current.NeedId,
                    redirection.ServiceId, current.Urgency, current.Note, redirectedFrom: current.Id, cancellationToken);
                session.Events.StartStream<Referral>(successor.ReferralId, successor);
                return [Decide(current, successor, redirection.Note, http.User.Actor(), now)];
            },
            () => CreatedResult.Now($"{http.Request.PathBase}/referrals/{successor!.ReferralId}", new ReferralCreated(successor.ReferralId)),
            cancellationToken, ReferralEndpoints.Visible(http.User), ReferralEndpoints.NoSuchReferral);
    }
}
