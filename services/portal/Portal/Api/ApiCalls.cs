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
        ArgumentNullException.ThrowIfNull(send);
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

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}
