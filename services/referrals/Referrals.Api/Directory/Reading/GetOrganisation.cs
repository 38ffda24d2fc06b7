using Integration.Eventing;

namespace Integration.Referrals.Directory.Reading;

/// <summary>A partner organisation as the API shows it.</summary>
internal sealed record OrganisationView(
    Guid Id, string Name, string Description, string? Email, string? Website, DateTimeOffset RegisteredAt, DateTimeOffset LastModified, int Version)
{
    public static OrganisationView Of(Organisation organisation) =>
        new(organisation.Id, organisation.Name, organisation.Description, organisation.Email, organisation.Website, organisation.RegisteredAt,
            organisation.LastModified, organisation.Version);
}

/// <summary><c>GET /organisations/{id}</c>: one partner organisation of the directory.</summary>
internal static class GettingOrganisation
{
    public static RouteHandlerBuilder MapGetOrganisation(this IEndpointRouteBuilder organisations) =>
        organisations.MapGetById<Organisation, OrganisationView>("GetOrganisation", OrganisationView.Of)
            .RequireAuthorization(ReferralsRoles.ReadDirectory);
}
