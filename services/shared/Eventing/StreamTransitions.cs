using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integration.Eventing;

/// <summary>Whether the caller may know that <paramref name="state"/> exists (another organisation's record does not).</summary>
public delegate Task<bool> Visibility<in TState>(IQuerySession session, HttpContext http, TState state, CancellationToken cancellationToken);

/// <summary>Stages, before the decision, what must commit with it (releasing a mediator's time), for the state as read.</summary>
public delegate Task Staging<in TState>(IDocumentSession session, HttpContext http, TState state, DateTimeOffset now, CancellationToken cancellationToken);

/// <summary>
/// The one shape of a command on an existing stream, <c>POST …/{id}/{action}</c>: the body (or the
/// default of a command that needs none; otherwise 400), its field errors (400), a record that does
/// not exist or that the caller may not see (404, checked before If-Match so a 412 cannot reveal
/// existence), then the pure decision through <see cref="StreamWrites.AppendAsync"/> (409 on an
/// illegal transition or a lost race, 412 on a stale If-Match). 204 with the new ETag.
/// </summary>
public static class StreamTransitions
{
    public static RouteHandlerBuilder MapTransition<TState, TRequest>(
        this RouteGroupBuilder group, string action, string notFound,
        Func<TRequest, DateTimeOffset, FieldErrors> validate, Visibility<TState> visible, Func<TState, TRequest, string, DateTimeOffset, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null, Staging<TState>? stage = null, Action<HttpContext>? afterWrite = null)
        where TState : class, IStreamReadModel
        where TRequest : class
    {
        return group.MapPost($"/{{id:guid}}/{action}", async (Guid id, TRequest? body, IDocumentSession session, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                if ((body ?? whenBodyIsEmpty?.Invoke()) is not { } request)
                {
                    var missing = new FieldErrors();
                    missing.Add("$", "A JSON body is required.");
                    return missing.ToProblem();
                }

                var now = http.Now();
                var errors = validate(request, now);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                var current = await session.LoadAsync<TState>(id, cancellationToken);
                if (current is null || !await visible(session, http, current, cancellationToken))
                {
                    return StreamWrites.NotFound(notFound);
                }

                if (stage is not null)
                {
                    await stage(session, http, current, now, cancellationToken);
                }

                // What was staged is for the state as read: a stream that moved on since is a lost race.
                var result = await session.AppendAsync<TState>(http, id, state => stage is null || state.Version == current.Version
                        ? [decide(state, request, http.User.Actor(), now)]
                        : throw DomainRuleViolated.Conflict(ProblemCodes.VersionConflict, "The record changed at the same time; read it again and retry."),
                    (_, _) => TypedResults.NoContent(), cancellationToken);
                afterWrite?.Invoke(http);
                return result;
            })
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
