using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Integration.ServiceDefaults;

/// <summary>
/// What a write answers: <typeparamref name="TDone"/> when it is done, or one of the problems every write
/// may meet — field errors (400), no such record (404), a state that refuses it or a lost race (409), an
/// erased client (410), a stale If-Match (412), a rule of the domain (422). It is built only from those
/// typed answers, and its type documents all of them, so the OpenAPI document cannot drift from the
/// handler. (The framework's <c>Results&lt;…&gt;</c> holds six; a write has seven.) A decision that
/// refuses throws <see cref="DomainRuleViolated"/> with one of these statuses.
/// </summary>
public sealed class WriteResult<TDone> : OneOfAnswers, IEndpointMetadataProvider, IAnswersFieldErrors<WriteResult<TDone>>
    where TDone : IResult, IEndpointMetadataProvider
{
    private WriteResult(IResult? result)
        : base(result)
    {
    }

    public static implicit operator WriteResult<TDone>(TDone done) => new(done);

    public static implicit operator WriteResult<TDone>(ValidationProblem fieldErrors) => new(fieldErrors);

    public static implicit operator WriteResult<TDone>(NotFoundProblem notFound) => new(notFound);

    public static implicit operator WriteResult<TDone>(ConflictProblem conflict) => new(conflict);

    public static implicit operator WriteResult<TDone>(GoneProblem gone) => new(gone);

    public static implicit operator WriteResult<TDone>(PreconditionFailedProblem stale) => new(stale);

    public static implicit operator WriteResult<TDone>(UnprocessableProblem refused) => new(refused);

    /// <summary>A refusal found before deciding (<see cref="Refusal"/>), as this write's answer.</summary>
    public static implicit operator WriteResult<TDone>(Refusal refusal) => new(refusal);

    public static implicit operator WriteResult<TDone>(AccessRefusal refusal) => new(refusal);

    static WriteResult<TDone> IAnswersFieldErrors<WriteResult<TDone>>.Invalid(ValidationProblem fieldErrors) => fieldErrors;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Documented.Populate<TDone>(method, builder);
        Documented.Populate<ValidationProblem>(method, builder);
        Documented.Populate<NotFoundProblem>(method, builder);
        Documented.Populate<ConflictProblem>(method, builder);
        Documented.Populate<GoneProblem>(method, builder);
        Documented.Populate<PreconditionFailedProblem>(method, builder);
        Documented.Populate<UnprocessableProblem>(method, builder);
    }
}

/// <summary>
/// What a write that starts a new record answers: 201 with <typeparamref name="TBody"/>, or field errors
/// (400), a lost race or a state that refuses it (409), an erased client it names (410), a rule of the
/// domain or an <c>Idempotency-Key</c> reused with another body (422). There is no record yet to be
/// missing or stale, so no 404 or 412; the type documents exactly these.
/// </summary>
public sealed class CreateResult<TBody> : OneOfAnswers, IEndpointMetadataProvider, IAnswersFieldErrors<CreateResult<TBody>>
{
    private CreateResult(IResult? result)
        : base(result)
    {
    }

    public static implicit operator CreateResult<TBody>(CreatedResult<TBody> created) => new(created);

    public static implicit operator CreateResult<TBody>(ValidationProblem fieldErrors) => new(fieldErrors);

    public static implicit operator CreateResult<TBody>(ConflictProblem conflict) => new(conflict);

    public static implicit operator CreateResult<TBody>(GoneProblem gone) => new(gone);

    public static implicit operator CreateResult<TBody>(UnprocessableProblem refused) => new(refused);

    static CreateResult<TBody> IAnswersFieldErrors<CreateResult<TBody>>.Invalid(ValidationProblem fieldErrors) => fieldErrors;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Documented.Populate<CreatedResult<TBody>>(method, builder);
        Documented.Populate<ValidationProblem>(method, builder);
        Documented.Populate<ConflictProblem>(method, builder);
        Documented.Populate<GoneProblem>(method, builder);
        Documented.Populate<UnprocessableProblem>(method, builder);
    }
}

/// <summary>A typed answer that can be a 400 with field errors, so a request that does not parse answers through it.</summary>
public interface IAnswersFieldErrors<TSelf>
    where TSelf : IAnswersFieldErrors<TSelf>
{
    static abstract TSelf Invalid(ValidationProblem fieldErrors);
}

/// <summary>
/// 201 with <c>Location</c> and the created <typeparamref name="TBody"/>: made now, or the stored answer of the
/// first request with the same <c>Idempotency-Key</c>, written back as it was sent then.
/// </summary>
public sealed class CreatedResult<TBody> : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private readonly string location;
    private readonly TBody? body;
    private readonly string? storedBody;

    private CreatedResult(string location, TBody? body, string? storedBody)
    {
        this.location = location;
        this.body = body;
        this.storedBody = storedBody;
    }

    public int? StatusCode => StatusCodes.Status201Created;

    internal static CreatedResult<TBody> Now(string location, TBody body) => new(location, body, null);

    internal static CreatedResult<TBody> Replayed(string location, string storedBody) => new(location, default, storedBody);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (storedBody is null)
        {
            return TypedResults.Created(location, body).ExecuteAsync(httpContext);
        }

        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(storedBody);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Documented.Populate<Created<TBody>>(method, builder);
}

/// <summary>Creates the typed answers whose factories a generic type may not hold.</summary>
public static class CreatedResult
{
    public static CreatedResult<TBody> Now<TBody>(string location, TBody body) => CreatedResult<TBody>.Now(location, body);

    /// <summary>The stored answer of an earlier request with the same <c>Idempotency-Key</c>, as it was sent.</summary>
    public static CreatedResult<TBody> Replayed<TBody>(string location, string storedBody) => CreatedResult<TBody>.Replayed(location, storedBody);
}

/// <summary>What a typed answer documents, read from its type (the framework implements it explicitly).</summary>
internal static class Documented
{
    public static void Populate<TResult>(MethodInfo method, EndpointBuilder builder)
        where TResult : IEndpointMetadataProvider =>
        TResult.PopulateMetadata(method, builder);
}
