using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Directory.Publishing;

/// <summary><c>GET /hsds/services/{id}</c> (HSDS 3.0): one published service with its languages and organization.</summary>
internal static class GettingHsdsService
{
    public static RouteHandlerBuilder MapGetHsdsService(this RouteGroupBuilder hsds) =>
        hsds.MapGet("/services/{id:guid}", HandleAsync)
            .WithName("HsdsGetService");

    private static async Task<Results<Ok<HsdsService>, NotFoundProblem>> HandleAsync(Guid id, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<PartnerService>(id, cancellationToken) is not { } service)
        {
            return StreamWrites.NotFound("No such service.");
        }

        var organisation = await session.LoadAsync<Organisation>(service.OrganisationId, cancellationToken);
        return TypedResults.Ok(HsdsService.From(service, organisation, full: true));
    }
}
