using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Publishing;

/// <summary><c>GET /hsds/organizations</c> (HSDS 3.0): the published organizations, a page at a time.</summary>
internal static class ListingHsdsOrganizations
{
    public static RouteHandlerBuilder MapListHsdsOrganizations(this RouteGroupBuilder hsds) =>
        hsds.MapGet("/organizations", HandleAsync)
            .WithName("HsdsListOrganizations");

    private static async Task<Results<Ok<HsdsPage<HsdsOrganization>>, ValidationProblem>> HandleAsync(int? page, int? per_page, IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, per_page, errors, "per_page");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await session.Query<Organisation>().OrderBy(organisation => organisation.Name).ThenBy(organisation => organisation.Id)
            .ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(Hsds.Page(found, (IReadOnlyList<HsdsOrganization>) [.. found.Items.Select(HsdsOrganization.From)]));
    }
}
