using System.Net;
using System.Text.Json;

namespace Integration.Portal.Api;

/// <summary>
/// What the API said when it refused a request (api.md problem details), in the shape screens show:
/// a title in plain words, the stable <see cref="Code"/>, field errors keyed by the API's field names.
/// </summary>
public sealed partial record ApiProblem(HttpStatusCode Status, string Code, string Title, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public JsonElement? Body { get; init; }

    /// <summary>The field errors keyed exactly as the API named them (<c>goals[1].description</c>), for forms with lists of items.</summary>
    public IReadOnlyDictionary<string, string[]> ItemFieldErrors { get; init; } = new Dictionary<string, string[]>();

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonDocument.Parse(text).RootElement.Clone();
            var errors = body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject()
                    .GroupBy(field => FormField(field.Name), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(group => group.Key, group => group.SelectMany(Messages).ToArray(), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string[]>();
            return new ApiProblem(response.StatusCode, Text(body, "code") ?? "error", Text(body, "title") ?? response.ReasonPhrase ?? "", errors)
            {
                Body = body,
                ItemFieldErrors = body.TryGetProperty("errors", out var items) && items.ValueKind == JsonValueKind.Object
                    ? items.EnumerateObject().ToDictionary(field => field.Name, field => Messages(field).ToArray(), StringComparer.OrdinalIgnoreCase)
                    : new Dictionary<string, string[]>(),
            };
        }
        catch (JsonException)
        {
            return new ApiProblem(response.StatusCode, "error", response.ReasonPhrase ?? "", new Dictionary<string, string[]>());
        }
    }

    /// <summary>When the API could not be reached at all.</summary>
    public static ApiProblem Unreachable { get; } =
        new(HttpStatusCode.ServiceUnavailable, "unreachable", "", new Dictionary<string, string[]>());

    /// <summary>The form field an API error is about: <c>nationalities[0]</c> is shown at the nationality input.</summary>
    private static string FormField(string apiField) => IndexPattern().Replace(apiField, "");

    private static IEnumerable<string> Messages(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(message => message.GetString() ?? "") : [];

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex IndexPattern();

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An answer of the API: the value, or the problem it reported.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}
