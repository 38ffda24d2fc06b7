using Integration.Eventing;
using Integration.Intake.Clients;

namespace Integration.Intake.Offices.Listing;

/// <summary>
/// The tenant's offices, in order (what a coordinator may transfer a case to), and the time zone and language its staff work in as it
/// was onboarded with them; both null for the default tenant, whose portal is configured with its own.
/// </summary>
internal sealed record OfficeList(IReadOnlyList<string> Offices, string? TimeZone, string? DefaultLanguage);

/// <summary><c>GET /offices</c>: the tenant's offices, so a screen offers them instead of a free-text field, and its clock and language.</summary>
internal static class ListingOffices
{
    public static RouteHandlerBuilder MapListOffices(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/offices", (ConfiguredOffices offices, HttpContext http, TenantDirectory tenants) =>
            {
                var tenant = Tenancy.OfRequest(http) is { } tenantId ? tenants.Known(tenantId) : null;
                return TypedResults.Ok(new OfficeList([.. offices.Codes], tenant?.TimeZone, tenant?.DefaultLanguage));
            })
            .WithName("ListOffices")
            .WithTags("Offices")
            .RequireAuthorization(IntakeRoles.ReadClients);
}
