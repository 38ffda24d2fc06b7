using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Integration.ServiceDefaults;

/// <summary>
/// A problem answer whose status is part of its type, so an endpoint that returns it documents it
/// (the framework's <c>ProblemHttpResult</c> carries its status as a value, which OpenAPI cannot
/// see). The family is closed: 404, 409, 410, 412, 422 and 503 are the problems a handler answers
/// itself; 400 is the framework's <see cref="Microsoft.AspNetCore.Http.HttpResults.ValidationProblem"/>, and 401, 403 and 429
/// come from the pipeline, not from handlers.
/// </summary>
public abstract class StatusProblem : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    private const string ContentTypeName = "application/problem+json";

    private protected StatusProblem(int status, string title, string code, IReadOnlyDictionary<string, object?>? extensions) =>
        ProblemDetails = Document(status, title, code, extensions);

    public ProblemDetails ProblemDetails { get; }

    public int? StatusCode => ProblemDetails.Status;

    public string ContentType => ContentTypeName;

    object? IValueHttpResult.Value => ProblemDetails;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(ProblemDetails).ExecuteAsync(httpContext);

    /// <summary>The problem document of docs/api.md: status, title, the stable <c>code</c> and the extensions a client needs.</summary>
    public static ProblemDetails Document(int status, string title, string code, IReadOnlyDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Extensions = { ["code"] = code } };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private protected static void Document(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentTypeName]));
}

/// <summary>404: no such record, or one the caller may not see (the two are not told apart).</summary>
public sealed class NotFoundProblem(string title, string code = ProblemCodes.NotFound, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status404NotFound, title, code, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the record's state does not allow the change, or another write won the race.</summary>
public sealed class ConflictProblem(string title, string code, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status409Conflict, title, code, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status409Conflict);
}

/// <summary>410 <c>client_erased</c>: the client's personal data was erased.</summary>
public sealed class GoneProblem(string title, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status410Gone, title, ProblemCodes.ClientErased, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status410Gone);
}

/// <summary>412 <c>precondition_failed</c>: If-Match names a version that is no longer current.</summary>
public sealed class PreconditionFailedProblem(string title, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status412PreconditionFailed, title, ProblemCodes.PreconditionFailed, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status412PreconditionFailed);
}

/// <summary>422: a rule of the domain refuses the request (no consent, an unknown reference).</summary>
public sealed class UnprocessableProblem(string title, string code, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status422UnprocessableEntity, title, code, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>503: a part the answer needs did not answer; the caller retries after <c>Retry-After</c>.</summary>
public sealed class UnavailableProblem(string title, string code, IReadOnlyDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status503ServiceUnavailable, title, code, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status503ServiceUnavailable);
}

/// <summary>
/// Why a caller may not see a record at all: not there or not theirs (404), or the client's data erased
/// (410). Reads and writes answer it alike, and its type documents both.
/// </summary>
public sealed class AccessRefusal : OneOfAnswers, IEndpointMetadataProvider
{
    private AccessRefusal(IResult? problem)
        : base(problem)
    {
    }

    public static implicit operator AccessRefusal(NotFoundProblem notFound) => new(notFound);

    public static implicit operator AccessRefusal(GoneProblem gone) => new(gone);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        NotFoundProblem.PopulateMetadata(method, builder);
        GoneProblem.PopulateMetadata(method, builder);
    }
}

/// <summary>
/// Why a record may not be changed by this caller, found before anything is decided: an
/// <see cref="AccessRefusal"/> (404, 410), or a record whose state takes no change at all (409: merged into another).
/// </summary>
public sealed class Refusal : OneOfAnswers, IEndpointMetadataProvider
{
    private Refusal(IResult? problem)
        : base(problem)
    {
    }

    public static implicit operator Refusal(NotFoundProblem notFound) => new(notFound);

    public static implicit operator Refusal(ConflictProblem conflict) => new(conflict);

    public static implicit operator Refusal(GoneProblem gone) => new(gone);

    public static implicit operator Refusal(AccessRefusal refusal) => new(refusal);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        AccessRefusal.PopulateMetadata(method, builder);
        ConflictProblem.PopulateMetadata(method, builder);
    }
}

/// <summary>
/// A typed answer that is one of several others, each documenting itself: <see cref="Result"/> is the one given, and it is
/// never null (a user-defined conversion is called with null too, and a null answer would be a bug, not an answer).
/// The derived types say which answers they take, through their conversions, and document those.
/// </summary>
public abstract class OneOfAnswers : IResult, INestedHttpResult
{
    private protected OneOfAnswers(IResult? result) =>
        Result = result ?? throw new ArgumentNullException(nameof(result), "An answer that is null is a bug, not one of the answers.");

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
}
