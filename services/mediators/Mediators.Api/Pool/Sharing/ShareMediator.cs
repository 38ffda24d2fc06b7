using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.Sharing;

internal sealed record ShareMediatorRequest(string? TenantId);

/// <summary>
/// <c>POST /mediators/{id}/shares</c>: a coordinator shares a mediator of their pool with another tenant (a neighbouring town of the
/// same consortium). The mediator joins that tenant's pool under the same id, with the same profile and working hours, and keeps one
/// calendar (<see cref="MediatorDay.Partition"/>): a booking in either tenant blocks the slot in both. Each tenant's coordinators then
/// manage their copy (hours, deactivation) and see only their own bookings. 204; 400 for a tenant that does not exist or is the
/// caller's own; 409 <c>mediator_already_shared</c> when that tenant's pool has them already.
/// </summary>
internal static class SharingMediator
{
    public const string AlreadyShared = "mediator_already_shared";

    public static RouteHandlerBuilder MapShareMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/{id:guid}/shares", HandleAsync)
            .WithName("ShareMediator")
            .RequireAuthorization(MediatorsRoles.Coordination);

    /// <summary>The events that start the mediator's stream in the other tenant: their profile and hours as they stand now.</summary>
    public static IReadOnlyList<object> Copy(Mediator mediator, string by, DateTimeOffset now) =>
    [
        new MediatorRegistered(mediator.Id, mediator.Name, mediator.Languages, mediator.Specialisms, mediator.Modes, mediator.OrganisationId,
            mediator.UserId, by, now),
        .. mediator.Availability is { } availability ? [new AvailabilitySet(mediator.Id, availability, by, now)] : Array.Empty<object>(),
        .. mediator.Active ? Array.Empty<object>() : [new MediatorDeactivated(mediator.Id, "Inactive where it was shared from", by, now)],
    ];

    private static async Task<Results<WriteResult<NoContent>, ValidationProblem>> HandleAsync(Guid id, ShareMediatorRequest? body,
        IDocumentSession session, Tenancy tenancy, ITenantDirectory tenants, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, errors) = await TenantSharing.TargetAsync(body?.TenantId, session, tenancy, tenants, cancellationToken);
        if (target is null)
        {
            return errors.ToProblem();
        }

        var (by, now) = (http.User.Actor(), http.Now());
        return await session.WriteAsync<Mediator>(http, id, async mediator =>
        {
            await TenantSharing.StartInAsync<Mediator>(session, target, mediator.Id, AlreadyShared, Copy(mediator, by, now), cancellationToken);
            return [new MediatorShared(mediator.Id, tenancy.TenantIdOf(target), by, now)];
        }, cancellationToken);
    }
}
