using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Integration.ServiceDefaults;

/// <summary>
/// Turns a body that is not valid JSON, or has a value of the wrong type, into a 400 problem with
/// the offending field in <c>errors</c> (minimal APIs are set to throw on bad requests).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (badRequest.InnerException is JsonException json)
        {
            errors[FieldName(json.Path)] = ["The value is not valid here: check its type and format."];
        }
        else
        {
            errors["$"] = [badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "The body must be JSON (Content-Type: application/json)."
                : "The request could not be read."];
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = badRequest.StatusCode,
                Title = "The request body is not valid.",
            },
            Exception = exception,
        });
    }

    /// <summary>"$.dateOfBirth" becomes "dateOfBirth"; the root stays "$".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
