using System.Text.Json;
using Integration.ServiceDefaults;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Eventing;

/// <summary>
/// The one write path of every endpoint, on Marten's <c>FetchForWriting</c>. A change of an existing
/// stream (<see cref="WriteAsync{TState}(IDocumentSession, HttpContext, Guid, Func{TState, Task{IReadOnlyList{object}}}, CancellationToken, Func{TState, Task{Refusal?}}?, string)"/>)
/// reads it once: an unknown stream, or one the caller may not see, is 404 before If-Match is
/// compared, so a 412 cannot reveal existence; a stale If-Match is 412 with the current version; the
/// pure decision turns state into events (or throws <see cref="DomainRuleViolated"/>); a save that
/// loses a race with another write is 409 (without If-Match, after deciding once more on the fresh
/// state when that is safe); the new version goes out as the ETag. A new stream
/// (<see cref="StartAsync{TState}"/>) and an addition with its own id (<see cref="AddAsync{TState}"/>)
/// answer a repeated <c>Idempotency-Key</c> with the first answer. Every answer is a typed
/// <see cref="WriteResult{TDone}"/>, whose type documents what the endpoint may answer.
/// </summary>
public static class StreamWrites
{
    /// <summary>Changes an existing stream with one event; see the class summary.</summary>
    public static Task<WriteResult<NoContent>> WriteAsync<TState>(this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, object> decide, CancellationToken cancellationToken,
        Func<TState, Task<Refusal?>>? refuse = null, string notFound = "No such record.")
        where TState : class =>
        session.WriteAsync(http, streamId, state => Task.FromResult<IReadOnlyList<object>>([decide(state)]), cancellationToken,
            refuse, notFound);

    /// <summary>Changes an existing stream with the events the decision returns; see the class summary.</summary>
    public static Task<WriteResult<NoContent>> WriteAsync<TState>(this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, IReadOnlyList<object>> decide, CancellationToken cancellationToken,
        Func<TState, Task<Refusal?>>? refuse = null, string notFound = "No such record.")
        where TState : class =>
        session.WriteAsync(http, streamId, state => Task.FromResult(decide(state)), cancellationToken, refuse, notFound);

    /// <summary>
    /// Changes an existing stream with the events an asynchronous decision returns. The decision may stage
    /// writes to other streams in the same session (a successor referral, a mediator's day); they
    /// commit together, and any of them losing a race is a 409.
    /// </summary>
    public static Task<WriteResult<NoContent>> WriteAsync<TState>(this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, Task<IReadOnlyList<object>>> decide, CancellationToken cancellationToken,
        Func<TState, Task<Refusal?>>? refuse = null, string notFound = "No such record.")
        where TState : class =>
        session.ChangeAsync(http, streamId, decide, refuse, () => TypedResults.NoContent(), notFound, alsoSave: null, cancellationToken);

    /// <summary>Changes an existing stream and answers <paramref name="done"/> (a 201 for what the change created) instead of 204.</summary>
    public static Task<WriteResult<TDone>> WriteAsync<TState, TDone>(this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, Task<IReadOnlyList<object>>> decide, Func<TDone> done, CancellationToken cancellationToken,
        Func<TState, Task<Refusal?>>? refuse = null, string notFound = "No such record.")
        where TState : class
        where TDone : IResult, IEndpointMetadataProvider =>
        session.ChangeAsync(http, streamId, decide, refuse, done, notFound, alsoSave: null, cancellationToken);

    /// <summary>
    /// Adds something with its own id to an existing stream (a consent, a need): 201 with
    /// <paramref name="location"/> and the created body, and a repeated <c>Idempotency-Key</c> with the
    /// same body replays that answer (another body: 422).
    /// </summary>
    public static async Task<WriteResult<CreatedResult<TBody>>> AddAsync<TState, TBody>(this IDocumentSession session, HttpContext http,
        Guid streamId, string operation, object request, Func<TState, Guid, object> decide, string location, Func<Guid, TBody> created,
        CancellationToken cancellationToken, Func<TState, Task<Refusal?>>? refuse = null, string notFound = "No such record.")
        where TState : class
        where TBody : notnull
    {
        var once = IdempotentAnswer.For(http, $"{operation}:{streamId}", request);
        if (await Idempotency.ReplayAsync<TBody>(session, once.Key, once.RequestHash, cancellationToken) is { } replay)
        {
            return replay;
        }

        var id = Guid.CreateVersion7(http.Now());
        var path = $"{http.Request.PathBase}{location}";
        var body = created(id);
        try
        {
            return await session.ChangeAsync<TState, CreatedResult<TBody>>(http, streamId,
                state => Task.FromResult<IReadOnlyList<object>>([decide(state, id)]), refuse, () => CreatedResult.Now(path, body), notFound,
                staged => once.Remember(staged, path, body), cancellationToken);
        }
        catch (Exception exception) when (once.Key is not null && Idempotency.IsKeyTakenMeanwhile(exception))
        {
            return await once.ReplayWinnerAsync<TBody>(session, cancellationToken);
        }
    }

    /// <summary>Starts a resource's stream with one event; see the overload below.</summary>
    public static Task<CreateResult<TBody>> StartAsync<TState, TBody>(this IDocumentSession session, HttpContext http,
        string operation, object request, Func<Guid, object> decide, Func<Guid, string> location, Func<Guid, TBody> created,
        CancellationToken cancellationToken)
        where TState : class
        where TBody : notnull =>
        session.StartAsync<TState, TBody>(http, operation, request, (_, id) => Task.FromResult<IReadOnlyList<object>>([decide(id)]), location, created,
            cancellationToken);

    /// <summary>
    /// Starts a resource's stream on a fresh time-ordered id, or on <paramref name="streamId"/> when the
    /// resource's id follows from what names it (a funding stream's code: a second stream of the same
    /// name collides and is a 409). The decision may throw
    /// <see cref="DomainRuleViolated"/> or stage appends to other streams at expected versions. 201
    /// with <c>Location</c>, the created body (made after the decision, so it may report it) and
    /// ETag 1. When a staged append loses a race the decision is taken again, in a new session on
    /// fresh state, up to <paramref name="attempts"/> times; then 409.
    /// </summary>
    public static async Task<CreateResult<TBody>> StartAsync<TState, TBody>(this IDocumentSession session, HttpContext http,
        string operation, object request, Func<IDocumentSession, Guid, Task<IReadOnlyList<object>>> decide, Func<Guid, string> location,
        Func<Guid, TBody> created, CancellationToken cancellationToken, int attempts = 1, Guid? streamId = null)
        where TState : class
        where TBody : notnull
    {
        var once = IdempotentAnswer.For(http, operation, request);
        var id = streamId ?? Guid.CreateVersion7(http.Now());
        var path = $"{http.Request.PathBase}{location(id)}";
        var retries = new List<IDocumentSession>();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = attempt == 1 ? session : Retry(http, retries);
                if (await Idempotency.ReplayAsync<TBody>(current, once.Key, once.RequestHash, cancellationToken) is { } replay)
                {
                    return replay;
                }

                current.Events.StartStream<TState>(id, [.. await decide(current, id)]);
                var body = created(id);
                once.Remember(current, path, body);
                try
                {
                    await current.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (once.Key is not null && Idempotency.IsKeyTakenMeanwhile(exception))
                {
                    return await once.ReplayWinnerAsync<TBody>(current, cancellationToken);
                }
                catch (Exception exception) when (IsLostRace(exception) && attempt < attempts)
                {
                    continue;
                }
                catch (Exception exception) when (IsLostRace(exception))
                {
                    return Conflict();
                }

                http.Response.Headers.ETag = ETags.For(1);
                return CreatedResult.Now(path, body);
            }
        }
        finally
        {
            foreach (var retry in retries)
            {
                await retry.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// True when a save failed because another write committed first: an append at an expected
    /// version that is no longer current, or a new stream that another request started meanwhile.
    /// </summary>
    public static bool IsLostRace(Exception exception) =>
        exception is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException;

    /// <summary>409 <c>version_conflict</c>: a concurrent write to the same stream won.</summary>
    public static ConflictProblem Conflict() =>
        new("Someone else changed this record at the same time; read it again and retry.", ProblemCodes.VersionConflict);

    public static NotFoundProblem NotFound(string what = "No such record.") => new(what);

    /// <summary>412 <c>precondition_failed</c> with the stream's current version.</summary>
    public static PreconditionFailedProblem Stale(long currentVersion) =>
        new("The record changed since you read it (If-Match is stale); read it again.",
            new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    /// <summary>
    /// A write without <c>If-Match</c> asserted no version, so one that loses a race (to another request, or
    /// to a sweep marking the record overdue at that moment) is decided once more on the fresh state, in a
    /// fresh session (the first one holds what its failed save projected): the fresh decision may succeed or
    /// refuse (a referral accepted meanwhile cannot be declined: 409 <c>invalid_transition</c>), and only a
    /// second lost race is 409 <c>version_conflict</c>. Only a decision that staged nothing but this stream's
    /// events is taken again: one that also wrote elsewhere (a merge's duplicate, an access-log entry) may
    /// have read or staged that through the request's session, so its lost race stays a 409. With
    /// <c>If-Match</c> the caller decided on the version it read, and any lost race is 409.
    /// </summary>
    private static async Task<WriteResult<TDone>> ChangeAsync<TState, TDone>(this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, Task<IReadOnlyList<object>>> decide, Func<TState, Task<Refusal?>>? refuse, Func<TDone> done,
        string notFound, Action<IDocumentSession>? alsoSave, CancellationToken cancellationToken)
        where TState : class
        where TDone : IResult, IEndpointMetadataProvider
    {
        var expected = Preconditions.ExpectedVersion(http.Request);
        var retries = new List<IDocumentSession>();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = attempt == 1 ? session : Retry(http, retries);
                var stream = await current.Events.FetchForWriting<TState>(streamId, cancellationToken);
                if (stream.Aggregate is null)
                {
                    return NotFound(notFound);
                }

                if (refuse is not null && await refuse(stream.Aggregate) is { } refusal)
                {
                    return refusal;
                }

                var version = stream.CurrentVersion ?? 0;
                if (expected is not null && expected != version)
                {
                    return Stale(version);
                }

                var events = await decide(stream.Aggregate);
                if (attempt > 1 && StagedBeyond(session, stream: null))
                {
                    return Conflict();
                }

                stream.AppendMany(events);
                alsoSave?.Invoke(current);
                var mayDecideAgain = expected is null && attempt == 1 && alsoSave is null && !StagedBeyond(session, streamId);
                try
                {
                    await current.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (IsLostRace(exception) && mayDecideAgain)
                {
                    session.EjectAllPendingChanges();
                    continue;
                }
                catch (Exception exception) when (IsLostRace(exception))
                {
                    return Conflict();
                }

                var newVersion = version + events.Count;
                http.Response.Headers.ETag = ETags.For(newVersion);
                return done();
            }
        }
        finally
        {
            foreach (var retry in retries)
            {
                await retry.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Whether the session holds a pending change other than events of <paramref name="stream"/> (with none, any change):
    /// a first decision that wrote elsewhere is not taken again, and a second one must not write through the request's
    /// session, which is not saved again.
    /// </summary>
    private static bool StagedBeyond(IDocumentSession session, Guid? stream) =>
        session.PendingChanges.Streams().Any(pending => pending.Id != stream) || session.PendingChanges.Operations().Any();

    /// <summary>A decision taken again after a lost race runs in a fresh session, stamped like the request's.</summary>
    private static IDocumentSession Retry(HttpContext http, List<IDocumentSession> retries)
    {
        var session = http.RequestServices.GetRequiredService<ISessionFactory>().OpenSession();
        retries.Add(session);
        return session;
    }

    /// <summary>The <c>Idempotency-Key</c> record of one create: its id (null without the header) and the request's hash.</summary>
    private sealed record IdempotentAnswer(string? Key, string RequestHash, JsonSerializerOptions Json, DateTimeOffset Now)
    {
        public static IdempotentAnswer For(HttpContext http, string operation, object request)
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return new IdempotentAnswer(Idempotency.RecordId(http, operation), Idempotency.RequestHash(request, json), json, http.Now());
        }

        public void Remember<TBody>(IDocumentSession session, string location, TBody body)
            where TBody : notnull =>
            Idempotency.Remember(session, Key, RequestHash, location, body, Json, Now);

        /// <summary>Another request with the same key committed first: answer what it answered.</summary>
        public async Task<CreatedResult<TBody>> ReplayWinnerAsync<TBody>(IDocumentSession session, CancellationToken cancellationToken)
        {
            await using var query = session.DocumentStore.QuerySession(session.TenantId);
            return (await Idempotency.ReplayAsync<TBody>(query, Key, RequestHash, cancellationToken))!;
        }
    }
}
