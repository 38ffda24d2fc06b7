using Integration.Intake.Duplicates.Dismissing;
using Integration.Intake.Duplicates.Listing;

namespace Integration.Intake.Duplicates;

internal static class DuplicateEndpoints
{
    public static IEndpointRouteBuilder MapDuplicates(this IEndpointRouteBuilder endpoints)
    {
        var duplicates = endpoints.MapGroup("/duplicates").WithTags("Duplicates");
        duplicates.MapListDuplicates();
        duplicates.MapDismissDuplicatePair();
        return endpoints;
    }
}
