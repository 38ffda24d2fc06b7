using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Pool.Reading;

/// <summary><c>GET /mediators/{id}</c>: a mediator's record, to coordinators and to the mediator themself (404 to another mediator).</summary>
internal static class GettingMediator
{
    public static RouteHandlerBuilder MapGetMediator(this RouteGroupBuilder mediators) =>
        mediators.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetMediator")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator)
            .Produces<Mediator>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Mediator>(id, cancellationToken) is not { } mediator || !MediatorEndpoints.CanSee(http.User, mediator))
        {
            return StreamWrites.NotFound(MediatorEndpoints.NoSuchMediator);
        }

        http.Response.Headers.ETag = ETags.For(mediator.Version);
        return TypedResults.Ok(mediator);
    }
}
