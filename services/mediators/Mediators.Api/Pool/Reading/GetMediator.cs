using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.Reading;

/// <summary>
/// A mediator as the API shows them: who they are, what they can be booked for, and when. The state's
/// own bookkeeping stays inside (the flattened language codes matching searches on).
/// </summary>
internal sealed record MediatorView(
    Guid Id,
    string Name,
    IReadOnlyList<MediatorLanguage> Languages,
    IReadOnlyList<Specialism> Specialisms,
    IReadOnlyList<MediationMode> Modes,
    Guid? OrganisationId,
    string? UserId,
    bool Active,
    WeeklyAvailability? Availability,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastModified,
    int Version)
{
    public static MediatorView From(Mediator mediator) =>
        new(mediator.Id, mediator.Name, mediator.Languages, mediator.Specialisms, mediator.Modes, mediator.OrganisationId, mediator.UserId,
            mediator.Active, mediator.Availability, mediator.RegisteredAt, mediator.LastModified, mediator.Version);
}

/// <summary><c>GET /mediators/{id}</c>: a mediator's record, to coordinators and to the mediator themself (404 to another mediator).</summary>
internal static class GettingMediator
{
    public static RouteHandlerBuilder MapGetMediator(this RouteGroupBuilder mediators) =>
        mediators.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetMediator")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator);

    private static async Task<Results<Ok<MediatorView>, NotFoundProblem>> HandleAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Mediator>(id, cancellationToken) is not { } mediator || !MediatorEndpoints.CanSee(http.User, mediator))
        {
            return StreamWrites.NotFound(MediatorEndpoints.NoSuchMediator);
        }

        http.Response.Headers.ETag = ETags.For(mediator.Version);
        return TypedResults.Ok(MediatorView.From(mediator));
    }
}
