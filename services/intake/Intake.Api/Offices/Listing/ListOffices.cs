using Integration.Intake.Clients;

namespace Integration.Intake.Offices.Listing;

/// <summary>The one-stop-shop's offices, in order: what a coordinator may transfer a case to.</summary>
internal sealed record OfficeList(IReadOnlyList<string> Offices);

/// <summary><c>GET /offices</c>: the configured offices, so a screen offers them instead of a free-text field.</summary>
internal static class ListingOffices
{
    public static RouteHandlerBuilder MapListOffices(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/offices", (ConfiguredOffices offices) => TypedResults.Ok(new OfficeList([.. offices.Codes])))
            .WithName("ListOffices")
            .WithTags("Offices")
            .RequireAuthorization(IntakeRoles.ReadClients);
}
