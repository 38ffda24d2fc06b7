using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Eventing;

/// <summary>
/// The one way an endpoint creates a resource with its own stream: a repeated
/// <c>Idempotency-Key</c> with the same body replays the first answer, the decision runs on a fresh
/// time-ordered id (and may throw <see cref="DomainRuleViolated"/>, or stage appends to other
/// streams at expected versions), and the events commit together with the idempotency record. 201
/// with <c>Location</c>, the created body (made after the decision, so it may report it) and ETag 1; 409 when a staged append lost a race.
/// </summary>
public static class StreamCreation
{
    public static Task<IResult> StartAsync<TState, TRequest>(
        this IDocumentSession session, HttpContext http, string operation, TRequest request,
        Func<Guid, Task<IReadOnlyList<object>>> decide, Func<Guid, string> location, Func<Guid, object> created,
        CancellationToken cancellationToken)
        where TState : class
    {
        return StartAsync<TState, TRequest>(_ => session, attempts: 1, http, operation, request, (_, id) => decide(id), location, created,
            cancellationToken);
    }

    /// <summary>
    /// As above, but a decision that stages appends to other streams (a mediator's day) is taken
    /// again, in a new session on fresh state, when one of those appends loses a race: up to
    /// <paramref name="attempts"/> times, then 409.
    /// </summary>
    public static async Task<IResult> StartAsync<TState, TRequest>(
        this IDocumentStore store, int attempts, HttpContext http, string operation, TRequest request,
        Func<IDocumentSession, Guid, Task<IReadOnlyList<object>>> decide, Func<Guid, string> location, Func<Guid, object> created,
        CancellationToken cancellationToken)
        where TState : class
    {
        var sessions = new List<IDocumentSession>();
        try
        {
            return await StartAsync<TState, TRequest>(_ =>
            {
                var session = store.LightweightSession().Stamp();
                sessions.Add(session);
                return session;
            }, attempts, http, operation, request, decide, location, created, cancellationToken);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> StartAsync<TState, TRequest>(
        Func<int, IDocumentSession> sessionFor, int attempts, HttpContext http, string operation, TRequest request,
        Func<IDocumentSession, Guid, Task<IReadOnlyList<object>>> decide, Func<Guid, string> location, Func<Guid, object> created,
        CancellationToken cancellationToken)
        where TState : class
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var now = http.Now();
        var key = Idempotency.RecordId(http, operation);
        var hash = Idempotency.RequestHash(request, json);
        var id = Guid.CreateVersion7(now);
        var path = $"{http.Request.PathBase}{location(id)}";
        for (var attempt = 1; ; attempt++)
        {
            var session = sessionFor(attempt);
            if (await Idempotency.ReplayAsync(session, key, hash, cancellationToken) is { } replay)
            {
                return replay;
            }

            session.Events.StartStream<TState>(id, [.. await decide(session, id)]);
            var body = created(id);
            Idempotency.Remember(session, key, hash, path, body, json, now);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception exception) when (key is not null && Idempotency.IsKeyTakenMeanwhile(exception))
            {
                await using var retry = session.DocumentStore.QuerySession();
                return (await Idempotency.ReplayAsync(retry, key, hash, cancellationToken))!;
            }
            catch (Exception exception) when (StreamWrites.IsLostRace(exception))
            {
                if (attempt < attempts)
                {
                    continue;
                }

                return StreamWrites.Conflict();
            }

            http.Response.Headers.ETag = ETags.For(1);
            return TypedResults.Created(path, body);
        }
    }
}
