using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Publishing;

/// <summary><c>GET /hsds/organizations/{id}</c> (HSDS 3.0): one published organization with its services.</summary>
internal static class GettingHsdsOrganization
{
    public static RouteHandlerBuilder MapGetHsdsOrganization(this RouteGroupBuilder hsds) =>
        hsds.MapGet("/organizations/{id:guid}", HandleAsync)
            .WithName("HsdsGetOrganization");

    private static async Task<Results<Ok<HsdsOrganization>, NotFoundProblem>> HandleAsync(Guid id, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Organisation>(id, cancellationToken) is not { } organisation)
        {
            return StreamWrites.NotFound("No such organization.");
        }

        var services = await session.Query<PartnerService>().Where(service => service.OrganisationId == id)
            .OrderBy(service => service.Name).Take(PageRequest.MaxPageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(HsdsOrganization.From(organisation) with
        {
            Services = [.. services.Select(service => HsdsService.From(service, organisation: null, full: true))],
        });
    }
}
