using System.Security.Claims;
using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Integration.Intake.Clients;

/// <summary>How intake's endpoints change an existing client; see <see cref="StreamWrites"/>.</summary>
internal static class Writes
{
    public static async Task<IResult> ChangeAsync(this IDocumentSession session, HttpContext http, Guid clientId,
        Func<Client, object> decide, CancellationToken cancellationToken)
    {
        return await RefusalAsync(session, http, clientId, cancellationToken)
            ?? await session.AppendAsync<Client>(http, clientId, client => [decide(client)], (_, _) => TypedResults.NoContent(), cancellationToken);
    }

    /// <summary>
    /// No such client, one of another office, or an erased one (<see cref="OfficeScope.Admits"/>), or one
    /// merged into another (409 <c>client_merged</c>: the survivor carries the case); null when the caller may change it.
    /// </summary>
    internal static async Task<IResult?> RefusalAsync(IDocumentSession session, HttpContext http, Guid clientId, CancellationToken cancellationToken)
    {
        var client = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(client, out var refusal))
        {
            return refusal;
        }

        return client.MergedInto is { } survivor
            ? TypedResults.Problem(title: "This record is merged into another; change that one.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = "client_merged", ["mergedInto"] = survivor })
            : null;
    }

    /// <summary>
    /// Adds something with its own id to a client (a consent, a need): 201 with the id, replayed for
    /// a repeated <c>Idempotency-Key</c> with the same body.
    /// </summary>
    public static async Task<IResult> AddAsync<TRequest, TCreated>(this IDocumentSession session, HttpContext http, Guid clientId,
        string operation, TRequest request, Func<Client, Guid, object> decide, Func<Guid, TCreated> created,
        CancellationToken cancellationToken)
        where TCreated : notnull
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var key = Idempotency.RecordId(http, $"{operation}:{clientId}");
        var hash = Idempotency.RequestHash(request, json);
        if (await Idempotency.ReplayAsync(session, key, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (await RefusalAsync(session, http, clientId, cancellationToken) is { } refusal)
        {
            return refusal;
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

    /// <summary>
    /// Maps a change of an existing client: validate the body (400), then decide on the current
    /// state through <see cref="ChangeAsync"/>. Route values such as <c>needId</c> reach the decision
    /// through <see cref="ChangeContext.RouteId"/>. A body is required unless <c>whenBodyIsEmpty</c>
    /// says what an empty one means.
    /// </summary>
    public static RouteHandlerBuilder MapClientChange<TRequest>(this IEndpointRouteBuilder clients, string method, string pattern, string name,
        string policy, Func<TRequest, FieldErrors> validate, Func<Client, TRequest, ChangeContext, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null)
        where TRequest : class =>
        clients.MapClientChange(method, pattern, name, policy, (TRequest request, DateTimeOffset _) => validate(request), decide, whenBodyIsEmpty);

    /// <summary>As above, for a body whose validity depends on today (a date of birth cannot be in the future).</summary>
    public static RouteHandlerBuilder MapClientChange<TRequest>(this IEndpointRouteBuilder clients, string method, string pattern, string name,
        string policy, Func<TRequest, DateTimeOffset, FieldErrors> validate, Func<Client, TRequest, ChangeContext, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null)
        where TRequest : class =>
        clients.MapMethods(pattern, [method], async (Guid clientId, TRequest? body, IDocumentSession session, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                if ((body ?? whenBodyIsEmpty?.Invoke()) is not { } request)
                {
                    var missing = new FieldErrors();
                    missing.Add("$", "A JSON body is required.");
                    return missing.ToProblem();
                }

                var errors = validate(request, http.Now());
                return errors.Any
                    ? errors.ToProblem()
                    : await session.ChangeAsync(http, clientId, client => decide(client, request, new ChangeContext(http)), cancellationToken);
            })
            .WithName(name)
            .RequireAuthorization(policy)
            .ProducesChange();

    /// <summary>Maps an addition with its own id (a consent, a need); see <see cref="AddAsync"/>.</summary>
    public static RouteHandlerBuilder MapClientAddition<TRequest, TCreated>(this IEndpointRouteBuilder clients, string pattern, string name,
        string policy, Func<TRequest, DateTimeOffset, FieldErrors> validate, Func<Client, Guid, TRequest, ChangeContext, object> decide,
        Func<Guid, TCreated> created)
        where TRequest : class
        where TCreated : notnull =>
        clients.MapPost(pattern, async (Guid clientId, TRequest request, IDocumentSession session, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                var errors = validate(request, http.Now());
                return errors.Any
                    ? errors.ToProblem()
                    : await session.AddAsync(http, clientId, name, request,
                        (client, id) => decide(client, id, request, new ChangeContext(http)), created, cancellationToken);
            })
            .WithName(name)
            .RequireAuthorization(policy)
            .ProducesAdd<TCreated>();

    public static string Actor(this HttpContext http) => http.User.Actor();
}

/// <summary>Who changes a client, when, and the ids in the route.</summary>
public sealed class ChangeContext(HttpContext http)
{
    public string Actor { get; } = http.Actor();

    public DateTimeOffset Now { get; } = http.Now();

    public Guid RouteId(string name) => Guid.Parse((string)http.GetRouteValue(name)!, System.Globalization.CultureInfo.InvariantCulture);
}
