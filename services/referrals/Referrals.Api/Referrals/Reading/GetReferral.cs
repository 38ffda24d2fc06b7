using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Reading;

/// <summary>
/// A line of the referral's timeline as the API shows it: the stored step with its facts as
/// <c>details</c>, and an English <c>summary</c> made for this answer (the portal words the step itself).
/// </summary>
internal sealed record TimelineStepView(DateTimeOffset At, string By, string Type, string Summary, string? Note,
    IReadOnlyDictionary<string, string> Details)
{
    public static TimelineStepView Of(TimelineEntry entry, string organisationName) =>
        new(entry.At, entry.By, entry.Type, ReferralSteps.Summary(entry.Type, entry.Facts, organisationName), entry.Note, entry.Facts);
}

/// <summary>
/// The answer to a read of a referral: the referral's fields, and what its reader may see of the client
/// (<see cref="SharedClient"/>) and of the case notes. Its own record, not the stored <see cref="Referral"/>, so the
/// stream's state can change without changing the contract.
/// </summary>
internal sealed record ReferralView(
    Guid Id,
    Guid ClientId,
    Guid NeedId,
    Guid ServiceId,
    string ServiceName,
    Guid OrganisationId,
    string OrganisationName,
    NeedDomain Category,
    Priority Urgency,
    string? Note,
    string Office,
    ReferralStatus Status,
    string CreatedBy,
    string? SentByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset ResponseDueAt,
    bool IsOverdue,
    DateTimeOffset? RespondedAt,
    DeclineReason? DeclineReason,
    DateOnly? WaitlistedUntil,
    DateTimeOffset? FirstContactAt,
    ReferralOutcome? Outcome,
    Guid? RedirectedFrom,
    Guid? RedirectedTo,
    Guid? MergedFromClientId,
    DateTimeOffset? ClientErasedAt,
    IReadOnlyList<TimelineStepView> Timeline,
    IReadOnlyList<ReferralUpdate> Updates,
    SharedClient? Client,
    IReadOnlyList<string> SharedDataCategories,
    int Version)
{
    /// <summary>The code of the funding stream that pays for the referral, when one does.</summary>
    public string? FundingStream { get; init; }

    /// <summary>The tenant (city or consortium) the referral is of: what labels it for partner staff serving several.</summary>
    public string? TenantId { get; init; }

    private static ReferralView Of(Referral referral, bool caseNotesShared, SharedClient? client, IReadOnlyList<string> sharedDataCategories) =>
        new(referral.Id, referral.ClientId, referral.NeedId, referral.ServiceId, referral.ServiceName, referral.OrganisationId,
            referral.OrganisationName, referral.Category, referral.Urgency, caseNotesShared ? referral.Note : null, referral.Office,
            referral.Status, referral.CreatedBy, referral.SentByName, referral.CreatedAt, referral.ResponseDueAt, referral.IsOverdue,
            referral.RespondedAt, referral.DeclineReason, referral.WaitlistedUntil, referral.FirstContactAt, referral.Outcome,
            referral.RedirectedFrom, referral.RedirectedTo, referral.MergedFromClientId, referral.ClientErasedAt,
            [.. referral.Timeline.Select(entry => TimelineStepView.Of(entry, referral.OrganisationName))],
            caseNotesShared ? referral.Updates : [], client, sharedDataCategories, referral.Version)
        {
            FundingStream = referral.FundingStream,
        };

    /// <summary>
    /// Partners and case workers see the client as consent shares it (case workers see what the
    /// partner sees); coordinators see no personal data. The case worker's note is part of the
    /// case notes, and so are the shared updates: a partner reads them only while consent shares
    /// <c>case_notes</c> with it, and loses them when that consent ends.
    /// </summary>
    public static ReferralView For(ClaimsPrincipal reader, Referral referral, ClientReference? client, IReadOnlySet<string> shared)
    {
        var coordinator = reader.IsInRole("coordinator") && !reader.IsInRole("caseworker");
        var partner = reader.IsInRole("partner");
        var caseNotesShared = !partner || shared.Contains(VocabularyNames.Name(DataCategory.CaseNotes));
        return Of(referral, caseNotesShared, coordinator ? null : SharedClient.From(client, referral.NeedId, shared),
            [.. shared.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Each referral as its reader may see it, the clients and consents read once for all of them.</summary>
    public static async Task<IReadOnlyList<ReferralView>> ForAsync(IQuerySession session, HttpContext http, IReadOnlyList<Referral> referrals,
        CancellationToken cancellationToken)
    {
        var clientIds = referrals.Select(referral => referral.ClientId).Distinct().ToArray();
        var clients = (await session.LoadManyAsync<ClientReference>(cancellationToken, clientIds)).ToDictionary(client => client.Id);
        var consents = await ConsentCoverage.ForClientsAsync(session, clientIds, cancellationToken);
        var now = http.Now();
        var tenant = http.RequestServices.GetRequiredService<Tenancy>().TenantIdOf(session.TenantId);
        return [.. referrals.Select(referral => For(http.User, referral, clients.GetValueOrDefault(referral.ClientId),
            ConsentCoverage.SharedCategories(referral, consents, now)) with { TenantId = tenant })];
    }
}

/// <summary><c>GET /referrals/{id}</c>: one referral, to its organisation's partners and its office's staff (404 to anyone else).</summary>
internal static class GettingReferral
{
    public static RouteHandlerBuilder MapGetReferral(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetReferral")
            .RequireAuthorization(ReferralsRoles.ReadReferral);

    private static async Task<Results<Ok<ReferralView>, NotFoundProblem>> HandleAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var referral = await session.LoadAsync<Referral>(id, cancellationToken);
        if (referral is null || !ReferralEndpoints.CanSee(http.User, referral))
        {
            return StreamWrites.NotFound("No such referral.");
        }

        var views = await ReferralView.ForAsync(session, http, [referral], cancellationToken);
        http.Response.Headers.ETag = ETags.For(referral.Version);
        return TypedResults.Ok(views[0]);
    }
}
