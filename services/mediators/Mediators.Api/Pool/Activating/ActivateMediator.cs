using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.Activating;

/// <summary><c>POST /mediators/{id}/activate</c>: the mediator is back in the pool; the fill sweep is woken for unfilled bookings.</summary>
internal static class ActivatingMediator
{
    public static MediatorReactivated Decide(Mediator mediator, string by, DateTimeOffset now)
    {
        return !mediator.Active
            ? new MediatorReactivated(mediator.Id, by, now)
            : throw DomainRuleViolated.Conflict("mediator_active", "The mediator is already active.");
    }

    public static RouteHandlerBuilder MapActivateMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/{id:guid}/activate", HandleAsync)
            .WithName("ActivateMediator")
            .RequireAuthorization(MediatorsRoles.Coordination);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid id, IDocumentSession session, HttpContext http, FillSignal fill, CancellationToken cancellationToken)
    {
        return fill.RaiseIfDone(await session.WriteAsync<Mediator>(http, id, mediator => Decide(mediator, http.User.Actor(), http.Now()), cancellationToken));
    }
}
