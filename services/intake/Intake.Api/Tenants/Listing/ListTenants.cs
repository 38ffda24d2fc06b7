using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Tenants.Listing;

/// <summary>
/// <c>GET /tenants</c>: the onboarded tenants by id, a page at a time. The default tenant is the deployment's configuration
/// (<c>Tenancy:DefaultTenant</c> and <c>Offices</c>), not a registration, and is not listed.
/// </summary>
internal static class ListingTenants
{
    public static RouteHandlerBuilder MapListTenants(this RouteGroupBuilder tenants) =>
        tenants.MapGet("/", HandleAsync)
            .WithName("ListTenants")
            .RequireAuthorization(IntakeRoles.ManageTenants);

    private static async Task<Results<Ok<ListPage<TenantView>>, ValidationProblem>> HandleAsync(int? page, int? pageSize, IDocumentStore store,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var session = store.QuerySession(StorageConstants.DefaultTenantId);
        var found = await session.Query<KnownTenant>().OrderBy(tenant => tenant.Id).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<TenantView>([.. found.Items.Select(TenantView.Of)], found.Page, found.PageSize, found.Total));
    }
}
