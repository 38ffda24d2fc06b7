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
/// with <c>Location</c>, the created body and ETag 1; 409 when a staged append lost a race.
/// </summary>
public static class StreamCreation
{
    public static async Task<IResult> StartAsync<TState, TRequest>(
        this IDocumentSession session, HttpContext http, string operation, TRequest request,
        Func<Guid, Task<IReadOnlyList<object>>> decide, Func<Guid, string> location, Func<Guid, object> created,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(created);
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var now = http.Now();
        var key = Idempotency.RecordId(http, operation);
        var hash = Idempotency.RequestHash(request, json);
        if (await Idempotency.ReplayAsync(session, key, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<TState>(id, [.. await decide(id)]);
        var path = $"{http.Request.PathBase}{location(id)}";
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
        catch (JasperFx.ConcurrencyException)
        {
            return StreamWrites.Conflict();
        }

        http.Response.Headers.ETag = ETags.For(1);
        return TypedResults.Created(path, body);
    }
}
