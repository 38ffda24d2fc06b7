using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Integration.ServiceDefaults;

/// <summary>
/// Turns a body that is not valid JSON, or has values of the wrong type, into a 400 problem with
/// the offending fields in <c>errors</c> (minimal APIs are set to throw on bad requests). The
/// serializer stops at the first wrong value; the body is then read again (it is buffered) and each
/// of its top-level properties bound on its own, so that every wrong field is named at once.
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
            foreach (var field in await WrongFieldsAsync(httpContext, cancellationToken) is { Count: > 0 } every ? every : [FieldName(json.Path)])
            {
                errors[field] = [WrongValue];
            }
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

    private const string WrongValue = "The value is not valid here: check its type and format.";

    /// <summary>Every top-level property of the body that does not bind to its member of the endpoint's request type; none when that cannot be told.</summary>
    private static async Task<IReadOnlyList<string>> WrongFieldsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        // The exception handler runs without the endpoint (it is cleared for a re-execution); the feature keeps it.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } requestType || !http.Request.Body.CanSeek)
        {
            return [];
        }

        http.Request.Body.Position = 0;
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return [];
        }

        if (body is not JsonObject fields)
        {
            return [];
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var members = (Nullable.GetUnderlyingType(requestType) ?? requestType).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(member => options.PropertyNamingPolicy?.ConvertName(member.Name) ?? member.Name, member => member.PropertyType, StringComparer.OrdinalIgnoreCase);
        var wrong = new List<string>();
        foreach (var (name, value) in fields)
        {
            if (!members.TryGetValue(name, out var type))
            {
                continue;
            }

            try
            {
                value?.Deserialize(type, options);
            }
            catch (JsonException field)
            {
                wrong.Add(field.Path is { Length: > 1 } inner ? name + inner[1..] : name);
            }
        }

        return wrong;
    }

    /// <summary>"$.dateOfBirth" becomes "dateOfBirth"; the root stays "$".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
