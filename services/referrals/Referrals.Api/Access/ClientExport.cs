using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.Referrals.Referrals;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Access;

/// <summary>Everything referrals holds about one person, for a subject access export: not minimised, since it is the person's own data.</summary>
public sealed record ClientExport(Guid ClientId, ClientReference? Client, IReadOnlyList<ConsentReference> Consents, IReadOnlyList<Referral> Referrals);

internal static class ClientExports
{
    /// <summary>
    /// <c>GET /clients/{id}/export</c>, called by intake's export with the coordinator's token. A
    /// client referrals never heard of has empty sections (200): absence is part of the answer.
    /// </summary>
    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/clients/{clientId:guid}/export", async (Guid clientId, IQuerySession session, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ClientExport(clientId,
                    await session.LoadAsync<ClientReference>(clientId, cancellationToken),
                    await session.Query<ConsentReference>().Where(consent => consent.ClientId == clientId).OrderBy(consent => consent.GivenAt)
                        .ToListAsync(cancellationToken),
                    await session.Query<Referral>().Where(referral => referral.ClientId == clientId).OrderBy(referral => referral.CreatedAt)
                        .ToListAsync(cancellationToken))))
            .WithName("ExportClient")
            .WithTags("Client references")
            .RequireAuthorization(AccessPolicies.ExportClientData);
        return endpoints;
    }
}
