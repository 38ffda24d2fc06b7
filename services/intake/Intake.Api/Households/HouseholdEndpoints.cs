using Integration.Intake.Households.Forming;
using Integration.Intake.Households.Joining;
using Integration.Intake.Households.Leaving;
using Integration.Intake.Households.Reading;

namespace Integration.Intake.Households;

internal static class HouseholdEndpoints
{
    public static IEndpointRouteBuilder MapHouseholds(this IEndpointRouteBuilder endpoints)
    {
        var households = endpoints.MapGroup("/households").WithTags("Households");
        households.MapFormHousehold();
        households.MapGetHousehold();
        households.MapAddHouseholdMember();
        households.MapRemoveHouseholdMember();
        return endpoints;
    }
}
