using Integration.ServiceDefaults;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Integration.Eventing;

/// <summary>
/// The one way an endpoint changes an existing stream: If-Match becomes the expected version (412
/// when stale), an unknown stream is 404, the pure decision turns state into events (or throws
/// <see cref="DomainRuleViolated"/>), and a write that loses a race with another is 409. The new
/// version goes out as the ETag. <c>alsoSave</c> stages documents that must commit with the events
/// (an idempotency record).
/// </summary>
public static class StreamWrites
{
    public static async Task<IResult> AppendAsync<TState>(
        this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, IReadOnlyList<object>> decide, Func<TState, long, IResult> respond, CancellationToken cancellationToken,
        Action<IDocumentSession>? alsoSave = null)
        where TState : class
    {
        var expected = Preconditions.ExpectedVersion(http.Request);
        JasperFx.Events.IEventStream<TState> stream;
        try
        {
            stream = expected is { } version
                ? await session.Events.FetchForWriting<TState>(streamId, version, cancellationToken)
                : await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return Stale(await CurrentVersionAsync(session, streamId, cancellationToken));
        }

        if (stream.Aggregate is null)
        {
            return NotFound();
        }

        var events = decide(stream.Aggregate);
        stream.AppendMany(events);
        alsoSave?.Invoke(session);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (IsLostRace(exception))
        {
            return Conflict();
        }

        var newVersion = (stream.StartingVersion ?? 0) + events.Count;
        http.Response.Headers.ETag = ETags.For(newVersion);
        return respond(stream.Aggregate, newVersion);
    }

    /// <summary>
    /// True when a save failed because another write committed first: an append at an expected
    /// version that is no longer current, or a new stream that another request started meanwhile.
    /// </summary>
    public static bool IsLostRace(Exception exception) =>
        exception is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException;

    /// <summary>409 <c>version_conflict</c>: a concurrent write to the same stream won.</summary>
    public static IResult Conflict() =>
        TypedResults.Problem(
            title: "Someone else changed this record at the same time; read it again and retry.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.VersionConflict });

    public static IResult NotFound(string what = "No such record.") =>
        TypedResults.Problem(title: what, statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.NotFound });

    /// <summary>412 <c>precondition_failed</c> with the stream's current version (404 when it has none).</summary>
    public static IResult Stale(long? currentVersion) => currentVersion is null
        ? NotFound()
        : TypedResults.Problem(
            title: "The record changed since you read it (If-Match is stale); read it again.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = ProblemCodes.PreconditionFailed,
                ["currentVersion"] = currentVersion,
            });

    private static async Task<long?> CurrentVersionAsync(IDocumentSession session, Guid streamId, CancellationToken cancellationToken) =>
        (await session.Events.FetchStreamStateAsync(streamId, cancellationToken))?.Version;
}
