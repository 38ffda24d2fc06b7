using Integration.Eventing;
using Integration.Referrals.Directory.Reading;

namespace Integration.Referrals.Directory.Listing;

/// <summary><c>GET /organisations</c>: the directory's partner organisations by name, a page at a time.</summary>
internal static class ListingOrganisations
{
    public static RouteHandlerBuilder MapListOrganisations(this IEndpointRouteBuilder organisations) =>
        organisations.MapList<Organisation, OrganisationView>("ListOrganisations",
                query => query.OrderBy(organisation => organisation.Name).ThenBy(organisation => organisation.Id), OrganisationView.Of)
            .RequireAuthorization(ReferralsRoles.ReadDirectory);
}
