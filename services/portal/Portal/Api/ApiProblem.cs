using System.Net;
using System.Text.Json;

namespace Integration.Portal.Api;

/// <summary>
/// What the API said when it refused a request (docs/api.md problem details), in the shape screens show:
/// a title in plain words, the stable <see cref="Code"/>, field errors keyed by the API's field names.
/// </summary>
public sealed partial record ApiProblem(HttpStatusCode Status, string Code, string Title, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public JsonElement? Body { get; init; }

    /// <summary>The field errors keyed exactly as the API named them (<c>goals[1].description</c>), for forms with lists of items.</summary>
    public IReadOnlyDictionary<string, string[]> ItemFieldErrors { get; init; } = new Dictionary<string, string[]>();

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonDocument.Parse(text).RootElement.Clone();
            var codes = body.TryGetProperty("errorCodes", out var coded) && coded.ValueKind == JsonValueKind.Object ? coded : (JsonElement?)null;
            var errors = body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject()
                    .GroupBy(field => FormField(field.Name), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(group => group.Key, group => group.SelectMany(field => Messages(field, codes)).ToArray(), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string[]>();
            return new ApiProblem(response.StatusCode, Text(body, "code") ?? "error", Text(body, "title") ?? response.ReasonPhrase ?? "", errors)
            {
                Body = body,
                ItemFieldErrors = body.TryGetProperty("errors", out var items) && items.ValueKind == JsonValueKind.Object
                    ? items.EnumerateObject().ToDictionary(field => field.Name, field => Messages(field, codes).ToArray(), StringComparer.OrdinalIgnoreCase)
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

    /// <summary>Codes whose API message names ISO codes, which people in the portal never type: said in the portal's words in English too.</summary>
    private static readonly HashSet<string> SpokenInCodes = ["not_a_country", "not_a_language"];

    /// <summary>
    /// A field's messages in the page's language, said again through their codes from the API's
    /// <c>errorCodes</c> (<c>ApiError_{code}</c>; <c>{0}</c> is the API's message). In English the
    /// API's own, more specific words stay, except where they speak in codes; a message without a
    /// code stays as the API wrote it.
    /// </summary>
    private static IEnumerable<string> Messages(JsonProperty field, JsonElement? codes)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        string[] codesOfField = codes is { } all && all.TryGetProperty(field.Name, out var listed) && listed.ValueKind == JsonValueKind.Array
            ? [.. listed.EnumerateArray().Select(code => code.GetString() ?? "")]
            : [];
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return field.Value.EnumerateArray().Select((message, index) =>
        {
            var text = message.GetString() ?? "";
            var code = index < codesOfField.Length ? codesOfField[index] : null;
            var wording = code is null || (english && !SpokenInCodes.Contains(code))
                ? null
                : Resources.Strings.Manager.GetString($"ApiError_{code}", System.Globalization.CultureInfo.CurrentUICulture);
            return wording is null ? text : string.Format(System.Globalization.CultureInfo.CurrentCulture, wording, text);
        });
    }

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
