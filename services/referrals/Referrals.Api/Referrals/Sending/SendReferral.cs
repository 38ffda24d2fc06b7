using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.Referrals.Directory;
using Integration.Referrals.Funding;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.Sending;

internal sealed record CreateReferralRequest(Guid? ClientId, Guid? NeedId, Guid? ServiceId, Priority? Urgency, string? Note);

/// <summary>A referral as parsed: the client, need, service and urgency it must have, and the note when there is one.</summary>
internal sealed record SendReferral(Guid ClientId, Guid NeedId, Guid ServiceId, Priority Urgency, string? Note);

public sealed record ReferralCreated(Guid ReferralId);

/// <summary>
/// <c>POST /referrals</c>: a case worker refers a client's open need to a partner's service. The client must be
/// of the caller's office, not erased or merged; the need open; and an active consent must cover the
/// organisation or the service's category. Each covering consent records that the referral relies on it.
/// </summary>
internal static class SendingReferral
{
    public static Parsed<SendReferral> Parse(CreateReferralRequest request)
    {
        var errors = new FieldErrors();
        var clientId = errors.Require("clientId", request.ClientId);
        var needId = errors.Require("needId", request.NeedId);
        var serviceId = errors.Require("serviceId", request.ServiceId);
        var urgency = errors.Require("urgency", request.Urgency, $"This field is required ({VocabularyNames.List<Priority>()}).");
        var note = errors.OptionalText("note", request.Note, ReferralEndpoints.MaxNoteLength);
        return errors.Any || (clientId, needId, serviceId, urgency) is not ({ } client, { } need, { } service, { } priority)
            ? errors
            : new SendReferral(client, need, service, priority, note);
    }

    public static ReferralSent Decide(
        Guid referralId, ClientReference client, Guid needId, PartnerService service, Organisation organisation, Priority urgency, string? note,
        string office, IReadOnlyList<Guid> coveringConsents, Guid? redirectedFrom, string by, DateTimeOffset now)
    {
        if (client.ErasedAt is not null)
        {
            throw new DomainRuleViolated(ProblemCodes.ClientErased, "The client's personal data was erased; nothing more is referred.",
                StatusCodes.Status410Gone);
        }

        if (client.MergedInto is { } survivor)
        {
            throw DomainRuleViolated.Conflict("client_merged", $"This record is merged into client {survivor}; refer that one.");
        }

        var need = client.FindNeed(needId)
            ?? throw DomainRuleViolated.UnknownReference("unknown_need", "needId", "The client has no need with this id (needs come from intake).");
        if (need.Status != ClientNeed.Open)
        {
            throw new DomainRuleViolated("need_resolved", "The need is resolved; only open needs are referred.");
        }

        if (coveringConsents.Count == 0)
        {
            throw new DomainRuleViolated("consent_required",
                "No active consent of the client covers referral to this organisation or service category; record the client's consent at intake first.",
                extensions: new Dictionary<string, object?>
                {
                    ["organisationId"] = organisation.Id,
                    ["category"] = VocabularyNames.Name(service.Category),
                });
        }

        return new ReferralSent(referralId, client.Id, needId, service.Id, service.Name, organisation.Id, organisation.Name, service.Category,
            urgency, note, office, now.AddHours(service.ResponseHours), redirectedFrom, coveringConsents, by, now);
    }

    public static RouteHandlerBuilder MapSendReferral(this RouteGroupBuilder referrals) =>
        referrals.MapPost("/", HandleAsync)
            .WithName("CreateReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork);

    /// <summary>
    /// The first event of a referral, after the checks on client, need, service and consent; stages
    /// <see cref="ConsentReliedOn"/> on each covering consent at its current version. Redirection sends its successor with it.
    /// </summary>
    internal static async Task<ReferralSent> SendAsync(IDocumentSession session, HttpContext http, Guid referralId, Guid clientId, Guid needId,
        Guid serviceId, Priority urgency, string? note, Guid? redirectedFrom, CancellationToken cancellationToken)
    {
        var client = await session.LoadAsync<ClientReference>(clientId, cancellationToken);
        if (client is null || !http.User.WorksWithOffice(client.Office))
        {
            throw DomainRuleViolated.UnknownReference("unknown_client", "clientId", "No client with this id is known to referrals for your office (clients come from intake).");
        }

        var service = await session.LoadAsync<PartnerService>(serviceId, cancellationToken)
            ?? throw DomainRuleViolated.UnknownReference("unknown_service", "serviceId", "No service with this id is in the directory.");
        var organisation = await session.LoadAsync<Organisation>(service.OrganisationId, cancellationToken)
            ?? throw new InvalidOperationException($"Service {service.Id} names organisation {service.OrganisationId}, which is missing.");
        var consents = await ConsentCoverage.ForClientsAsync(session, [clientId], cancellationToken);
        var now = http.Now();
        var paidBy = service.FundingStream is { } code ? await FundingStreamCodes.FindAsync<FundingStream>(session, code, cancellationToken) : null;
        var office = http.User.FindFirstValue(IntegrationClaims.Office) ?? client.Office ?? "unknown";
        var sent = Decide(referralId, client, needId, service, organisation, urgency, note, office,
            ConsentCoverage.Covering(consents, organisation.Id, service.Category, now), redirectedFrom, http.User.Actor(), now) with
        {
            SentByName = http.User.DisplayName(),
            FundingStream = paidBy is not null && paidBy.Covers(DateOnly.FromDateTime(now.UtcDateTime)) ? paidBy.Code : null,
        };
        foreach (var consent in consents.Where(consent => sent.CoveringConsents.Contains(consent.Id)))
        {
            session.Events.Append(consent.Id, consent.Version + 1, new ConsentReliedOn(consent.Id, referralId, now));
        }

        return sent;
    }

    private static async Task<CreateResult<ReferralCreated>> HandleAsync(CreateReferralRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var referral, out var errors))
        {
            return errors.ToProblem();
        }

        return await session.StartAsync<Referral, ReferralCreated>(http, "create-referral", request,
            async (_, id) => [await SendAsync(session, http, id, referral.ClientId, referral.NeedId, referral.ServiceId, referral.Urgency, referral.Note,
                redirectedFrom: null, cancellationToken)],
            id => $"/referrals/{id}", id => new ReferralCreated(id), cancellationToken);
    }
}
