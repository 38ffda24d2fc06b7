using Integration.Eventing;
using Integration.Referrals.Directory.AddingServices;
using Integration.Referrals.Directory.Listing;
using Integration.Referrals.Directory.Publishing;
using Integration.Referrals.Directory.Reading;
using Integration.Referrals.Directory.Registering;
using Integration.Referrals.Directory.Searching;
using Integration.Referrals.Directory.Sharing;

namespace Integration.Referrals.Directory;

/// <summary>
/// The partner directory's routes, each use case in its own file under a folder named for what it
/// does (<c>Registering/RegisterOrganisation.cs</c>, <c>AddingServices/AddService.cs</c>,
/// <c>Reading/GetOrganisation.cs</c>…).
/// </summary>
internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder endpoints)
    {
        var organisations = endpoints.MapGroup("/organisations").WithTags("Partner directory");
        organisations.MapRegisterOrganisation();
        organisations.MapGetOrganisation();
        organisations.MapListOrganisations();
        organisations.MapShareOrganisation();
        endpoints.MapAddService();
        endpoints.MapGroup("/services").WithTags("Partner directory").RequireAuthorization(ReferralsRoles.ReadDirectory)
            .MapGetService();
        endpoints.MapSearchDirectory();

        // The HSDS publication is public: a directory is published information, each tenant's under ?tenant= (the default tenant's without).
        var hsds = endpoints.MapGroup("/hsds").WithTags("HSDS 3.0 directory").AllowAnonymous().RequireKnownTenant();
        hsds.MapListHsdsServices();
        hsds.MapGetHsdsService();
        hsds.MapListHsdsOrganizations();
        hsds.MapGetHsdsOrganization();
        return endpoints;
    }
}
