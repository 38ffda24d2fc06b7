using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Publishing;

/// <summary><c>GET /hsds/services</c> (HSDS 3.0): the published services, a page at a time, optionally of one organization.</summary>
internal static class ListingHsdsServices
{
    public static RouteHandlerBuilder MapListHsdsServices(this RouteGroupBuilder hsds) =>
        hsds.MapGet("/services", HandleAsync)
            .WithName("HsdsListServices");

    private static async Task<Results<Ok<HsdsPage<HsdsService>>, ValidationProblem>> HandleAsync(int? page, int? per_page, string? organization_id, IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, per_page, errors, "per_page");
        Guid? organisationId = null;
        if (organization_id is not null)
        {
            organisationId = Guid.TryParse(organization_id, out var parsed) ? parsed : null;
            if (organisationId is null)
            {
                errors.Add("organization_id", "A uuid.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = session.Query<PartnerService>().AsQueryable();
        if (organisationId is { } wanted)
        {
            query = query.Where(service => service.OrganisationId == wanted);
        }

        var found = await query.OrderBy(service => service.Name).ThenBy(service => service.Id).ToPageAsync(request, cancellationToken);
        var organisations = (await session.LoadManyAsync<Organisation>(cancellationToken,
            [.. found.Items.Select(service => service.OrganisationId).Distinct()])).ToDictionary(organisation => organisation.Id);
        return TypedResults.Ok(Hsds.Page(found, (IReadOnlyList<HsdsService>)
            [.. found.Items.Select(service => HsdsService.From(service, organisations.GetValueOrDefault(service.OrganisationId), full: false))]));
    }
}
