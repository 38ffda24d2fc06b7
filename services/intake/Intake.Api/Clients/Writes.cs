using System.Security.Claims;
using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Integration.Intake.Clients;

/// <summary>How intake's endpoints change an existing client; see <see cref="StreamWrites"/>.</summary>
public static class Writes
{
    public static Task<IResult> ChangeAsync(this IDocumentSession session, HttpContext http, Guid clientId,
        Func<Client, object> decide, CancellationToken cancellationToken) =>
        session.AppendAsync<Client>(http, clientId, client => [decide(client)], (_, _) => TypedResults.NoContent(), cancellationToken);

    /// <summary>
    /// Adds something with its own id to a client (a consent, a need): 201 with the id, replayed for
    /// a repeated <c>Idempotency-Key</c> with the same body.
    /// </summary>
    public static async Task<IResult> AddAsync<TRequest, TCreated>(this IDocumentSession session, HttpContext http, Guid clientId,
        string operation, TRequest request, Func<Client, Guid, object> decide, Func<Guid, TCreated> created,
        CancellationToken cancellationToken)
        where TCreated : notnull
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var key = Idempotency.RecordId(http, $"{operation}:{clientId}");
        var hash = Idempotency.RequestHash(request, json);
        if (await Idempotency.ReplayAsync(session, key, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var location = $"{http.Request.PathBase}/clients/{clientId}";
        try
        {
            return await session.AppendAsync<Client>(http, clientId, client => [decide(client, id)],
                (_, _) => TypedResults.Created(location, created(id)), cancellationToken,
                alsoSave: staged => Idempotency.Remember(staged, key, hash, location, created(id), json, clock.GetUtcNow()));
        }
        catch (Exception exception) when (key is not null && Idempotency.IsKeyTakenMeanwhile(exception))
        {
            await using var retry = session.DocumentStore.QuerySession();
            return (await Idempotency.ReplayAsync(retry, key, hash, cancellationToken))!;
        }
    }

    public static DateTimeOffset Now(this HttpContext http) =>
        http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public static string Actor(this HttpContext http) => http.User.Actor();

    public static string? Office(this ClaimsPrincipal user) => user.FindFirstValue(IntegrationClaims.Office);
}
