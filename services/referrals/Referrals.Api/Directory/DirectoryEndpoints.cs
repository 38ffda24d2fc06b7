using Integration.Eventing;
using Integration.Referrals.Directory.AddingServices;
using Integration.Referrals.Directory.Publishing;
using Integration.Referrals.Directory.Registering;
using Integration.Referrals.Directory.Searching;

namespace Integration.Referrals.Directory;

/// <summary>
/// The partner directory's routes, each use case in its own file under a folder named for what it
/// does (<c>Registering/RegisterOrganisation.cs</c>, <c>AddingServices/AddService.cs</c>…), and
/// the read-one and read-list routes every read model has.
/// </summary>
internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder endpoints)
    {
        var organisations = endpoints.MapGroup("/organisations").WithTags("Partner directory");
        organisations.MapRegisterOrganisation();
        organisations.MapGetById<Organisation>("GetOrganisation").RequireAuthorization(ReferralsRoles.ReadDirectory);
        organisations.MapList<Organisation>("ListOrganisations", query => query.OrderBy(organisation => organisation.Name)
                .ThenBy(organisation => organisation.Id))
            .RequireAuthorization(ReferralsRoles.ReadDirectory);
        endpoints.MapAddService();
        endpoints.MapGroup("/services").WithTags("Partner directory").RequireAuthorization(ReferralsRoles.ReadDirectory)
            .MapGetById<PartnerService>("GetService");
        endpoints.MapSearchDirectory();

        // The HSDS publication is public: a directory is published information.
        var hsds = endpoints.MapGroup("/hsds").WithTags("HSDS 3.0 directory").AllowAnonymous();
        hsds.MapListHsdsServices();
        hsds.MapGetHsdsService();
        hsds.MapListHsdsOrganizations();
        hsds.MapGetHsdsOrganization();
        return endpoints;
    }
}
