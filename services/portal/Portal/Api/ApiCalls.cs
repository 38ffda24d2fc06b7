using System.Net.Http.Json;
using System.Text.Json;
using Integration.ServiceDefaults;

namespace Integration.Portal.Api;

/// <summary>One way every API call is made and read: JSON as the API speaks it, problems as <see cref="ApiProblem"/>.</summary>
public static class ApiCalls
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static async Task<ApiResult<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send();
            if (!response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, cancellationToken));
            }

            return response.StatusCode == System.Net.HttpStatusCode.NoContent
                ? new ApiResult<T>(default, null)
                : new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }
        catch (HttpRequestException)
        {
            return new ApiResult<T>(default, ApiProblem.Unreachable);
        }
    }

    /// <summary>
    /// A write to an existing resource: <paramref name="body"/> as JSON (none when null), and
    /// <c>If-Match</c> with the <paramref name="version"/> the screen showed, so a change someone
    /// made meanwhile answers 412 instead of being overwritten.
    /// </summary>
    public static Task<ApiResult<object>> WriteAsync(HttpClient http, HttpMethod method, string path, object? body, int? version,
        CancellationToken cancellationToken)
    {
        return SendAsync<object>(async () =>
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            if (version is { } read)
            {
                request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{read}\""));
            }

            return await http.SendAsync(request, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>What was typed, trimmed; null when nothing was (the API's optional fields are absent, not empty).</summary>
    public static string? Blank(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    /// <summary>
    /// The query naming a record's tenant, for staff whose token names several (a shared partner's inbox and a shared mediator's bookings
    /// merge them, and a step acts in the tenant the request names among the token's); a token naming one tenant acts in it whatever this says.
    /// </summary>
    public static string InTenant(string? tenantId) => string.IsNullOrEmpty(tenantId) ? "" : $"?tenant={Uri.EscapeDataString(tenantId)}";

    /// <summary>The vocabulary value a form's snake_case choice names; null when none is chosen.</summary>
    public static TEnum? Choice<TEnum>(string? name) where TEnum : struct, Enum =>
        Integration.Vocabulary.VocabularyNames.TryParse<TEnum>(name, out var value) ? value : null;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}
