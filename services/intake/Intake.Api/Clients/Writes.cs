using System.Security.Claims;
using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients;

/// <summary>How intake's endpoints change an existing client, through <see cref="StreamWrites"/>.</summary>
internal static class Writes
{
    /// <summary>Changes a client the caller may change (<see cref="Refusal"/>) with the event the decision returns: 204.</summary>
    public static Task<WriteResult<NoContent>> WriteClientAsync(this IDocumentSession session, HttpContext http, Guid clientId, Func<Client, object> decide,
        CancellationToken cancellationToken) =>
        session.WriteAsync(http, clientId, decide, cancellationToken, client => Task.FromResult(Refusal(http.User, client)),
            notFound: OfficeScope.NoSuchClient);

    /// <summary>
    /// Adds something with its own id to a client (a consent, a need): 201 with the id, replayed for
    /// a repeated <c>Idempotency-Key</c> with the same body.
    /// </summary>
    public static Task<WriteResult<CreatedResult<TBody>>> AddToClientAsync<TBody>(this IDocumentSession session, HttpContext http, Guid clientId,
        string operation, object request, Func<Client, Guid, object> decide, Func<Guid, TBody> created, CancellationToken cancellationToken)
        where TBody : notnull =>
        session.AddAsync(http, clientId, operation, request, decide, $"/clients/{clientId}", created, cancellationToken,
            client => Task.FromResult(Refusal(http.User, client)), OfficeScope.NoSuchClient);

    /// <summary>The refusal for the client with this id, or null when the caller may change it; see <see cref="Refusal"/>.</summary>
    public static async Task<Refusal?> RefusalAsync(IQuerySession session, HttpContext http, Guid clientId, CancellationToken cancellationToken) =>
        Refusal(http.User, await session.LoadAsync<Client>(clientId, cancellationToken));

    /// <summary>
    /// No such client, one of another office, or an erased one (<see cref="OfficeScope.Admits"/>), or one
    /// merged into another (409 <c>client_merged</c>: the survivor carries the case); null when the caller may change it.
    /// </summary>
    public static Refusal? Refusal(ClaimsPrincipal user, Client? client)
    {
        if (!user.Admits(client, out var refusal))
        {
            return refusal;
        }

        return client.MergedInto is { } survivor
            ? (Refusal)new ConflictProblem("This record is merged into another; change that one.", "client_merged",
                new Dictionary<string, object?> { ["mergedInto"] = survivor })
            : null;
    }

    public static string Actor(this HttpContext http) => http.User.Actor();
}
