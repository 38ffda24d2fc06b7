using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Pool.Deactivating;

internal sealed record DeactivateRequest(string? Reason);

/// <summary><c>POST /mediators/{id}/deactivate</c>: the mediator leaves the pool for now, with a reason; matching no longer offers them.</summary>
internal static class DeactivatingMediator
{
    public static FieldErrors Validate(DeactivateRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("reason", request.Reason, MediatorEndpoints.MaxReasonLength);
        return errors;
    }

    public static MediatorDeactivated Decide(Mediator mediator, string reason, string by, DateTimeOffset now)
    {
        return mediator.Active
            ? new MediatorDeactivated(mediator.Id, reason, by, now)
            : throw DomainRuleViolated.Conflict("mediator_inactive", "The mediator is already inactive.");
    }

    public static RouteHandlerBuilder MapDeactivateMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/{id:guid}/deactivate", HandleAsync)
            .WithName("DeactivateMediator")
            .RequireAuthorization(MediatorsRoles.Coordination)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(Guid id, DeactivateRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await session.WriteAsync<Mediator>(http, id, mediator => Decide(mediator, request.Reason!.Trim(), http.User.Actor(), http.Now()), cancellationToken);
    }
}
