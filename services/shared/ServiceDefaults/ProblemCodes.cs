using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Integration.ServiceDefaults;

/// <summary>
/// Every error is a problem document with a stable <c>code</c> (docs/api.md). Handlers that know a
/// more specific code set it; everything else gets the default for its status.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string VersionConflict = "version_conflict";
    public const string PreconditionFailed = "precondition_failed";
    public const string InternalError = "internal_error";

    /// <summary>410: the client's personal data was erased (GDPR art. 17); every service answers it the same way.</summary>
    public const string ClientErased = "client_erased";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ValidationFailed,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => VersionConflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        >= 500 => InternalError,
        _ => "error",
    };

    internal static void AddCodeAndTrace(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", ForStatus(status));
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        // Exception messages may quote request data; never echo them to the caller.
        problem.Extensions.Remove("exception");
    }
}
