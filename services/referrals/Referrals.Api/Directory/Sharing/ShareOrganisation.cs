using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Sharing;

internal sealed record ShareOrganisationRequest(string? TenantId);

/// <summary>
/// <c>POST /organisations/{id}/shares</c>: a coordinator shares a partner organisation of their directory with another tenant (a
/// neighbouring town of the same consortium). It joins that tenant's directory under the same id, where that tenant's coordinators
/// add the services it offers there; its staff, whose tokens name both tenants, receive both tenants' referrals, each labelled with its
/// tenant, and choose the tenant they act in with <c>?tenant=</c>. 204; 400 for a tenant that does not exist or is the caller's own;
/// 409 <c>organisation_already_shared</c> when that tenant's directory has it already.
/// </summary>
internal static class SharingOrganisation
{
    public const string AlreadyShared = "organisation_already_shared";

    public static RouteHandlerBuilder MapShareOrganisation(this RouteGroupBuilder organisations) =>
        organisations.MapPost("/{id:guid}/shares", HandleAsync)
            .WithName("ShareOrganisation")
            .RequireAuthorization(ReferralsRoles.Coordination);

    private static async Task<Results<WriteResult<NoContent>, ValidationProblem>> HandleAsync(Guid id, ShareOrganisationRequest? body,
        IDocumentSession session, Tenancy tenancy, ITenantDirectory tenants, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, errors) = await TenantSharing.TargetAsync(body?.TenantId, session, tenancy, tenants, cancellationToken);
        if (target is null)
        {
            return errors.ToProblem();
        }

        var (by, now) = (http.User.Actor(), http.Now());
        return await session.WriteAsync<Organisation>(http, id, async organisation =>
        {
            await TenantSharing.StartInAsync<Organisation>(session, target, organisation.Id, AlreadyShared,
                [new OrganisationRegistered(organisation.Id, organisation.Name, organisation.Description, organisation.Email, organisation.Website, by, now)],
                cancellationToken);
            return [new OrganisationShared(organisation.Id, tenancy.TenantIdOf(target), by, now)];
        }, cancellationToken);
    }
}
