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
        var errors = new FieldErrors();
        var tenantId = errors.RequireText("tenantId", body?.TenantId, 40);
        if (tenantId is not null && !(TenantIds.IsTenantId(tenantId) && await tenants.ExistsAsync(tenantId, cancellationToken)))
        {
            errors.Add("tenantId", "No tenant with this id.", "unknown_tenant");
        }
        else if (tenantId is not null && tenancy.StorageIdOf(tenantId) == session.TenantId)
        {
            errors.Add("tenantId", "The organisation is in this tenant's directory already; name another tenant.");
        }

        if (errors.Any || tenantId is null)
        {
            return errors.ToProblem();
        }

        var target = session.ForTenant(tenancy.StorageIdOf(tenantId));
        var (by, now) = (http.User.Actor(), http.Now());
        return await session.WriteAsync<Organisation>(http, id, async organisation =>
        {
            if (await target.Events.FetchStreamStateAsync(organisation.Id, cancellationToken) is not null)
            {
                throw DomainRuleViolated.Conflict(AlreadyShared, "The organisation is in that tenant's directory already.");
            }

            target.Events.StartStream<Organisation>(organisation.Id,
                new OrganisationRegistered(organisation.Id, organisation.Name, organisation.Description, organisation.Email, organisation.Website, by, now));
            return [new OrganisationShared(organisation.Id, tenantId, by, now)];
        }, cancellationToken);
    }
}
