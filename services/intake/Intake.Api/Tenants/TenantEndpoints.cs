using Integration.Intake.Tenants.Listing;
using Integration.Intake.Tenants.Onboarding;

namespace Integration.Intake.Tenants;

internal static class TenantEndpoints
{
    public static void MapTenants(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapOnboardTenant();
        tenants.MapListTenants();
    }
}
