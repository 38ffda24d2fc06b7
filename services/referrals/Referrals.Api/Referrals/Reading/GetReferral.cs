using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals.Reading;

/// <summary>A referral with what its reader may see of the client (<see cref="SharedClient"/>).</summary>
public sealed record ReferralView : Referral
{
    private ReferralView(Referral referral, string? note, IReadOnlyList<ReferralUpdate> updates, SharedClient? client,
        IReadOnlyList<string> sharedDataCategories)
        : base(referral)
    {
        Note = note;
        Updates = updates;
        Client = client;
        SharedDataCategories = sharedDataCategories;
    }

    public SharedClient? Client { get; }

    public IReadOnlyList<string> SharedDataCategories { get; }

    /// <summary>
    /// Partners and case workers see the client as consent shares it (case workers see what the
    /// partner sees); coordinators see no personal data. The case worker's note is part of the
    /// case notes, and so are the shared updates: a partner reads them only while consent shares
    /// <c>case_notes</c> with it, and loses them when that consent ends.
    /// </summary>
    public static ReferralView For(ClaimsPrincipal reader, Referral referral, ClientReference? client, IReadOnlySet<string> shared)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(shared);
        var coordinator = reader.IsInRole("coordinator") && !reader.IsInRole("caseworker");
        var partner = reader.IsInRole("partner");
        var caseNotesShared = !partner || shared.Contains(VocabularyNames.Name(DataCategory.CaseNotes));
        return new ReferralView(referral, caseNotesShared ? referral.Note : null, caseNotesShared ? referral.Updates : [], coordinator ? null : SharedClient.From(client, referral.NeedId, shared),
            [.. shared.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Each referral as its reader may see it, the clients and consents read once for all of them.</summary>
    public static async Task<IReadOnlyList<ReferralView>> ForAsync(IQuerySession session, HttpContext http, IReadOnlyList<Referral> referrals,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        var clientIds = referrals.Select(referral => referral.ClientId).Distinct().ToArray();
        var clients = (await session.LoadManyAsync<ClientReference>(cancellationToken, clientIds)).ToDictionary(client => client.Id);
        var consents = await ConsentCoverage.ForClientsAsync(session, clientIds, cancellationToken);
        var now = http.Now();
        return [.. referrals.Select(referral => For(http.User, referral, clients.GetValueOrDefault(referral.ClientId),
            ConsentCoverage.SharedCategories(referral, consents, now)))];
    }
}

/// <summary><c>GET /referrals/{id}</c>: one referral, to its organisation's partners and its office's staff (404 to anyone else).</summary>
public static class GettingReferral
{
    public static RouteHandlerBuilder MapGetReferral(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetReferral")
            .RequireAuthorization(ReferralsRoles.ReadReferral)
            .Produces<ReferralView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
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
