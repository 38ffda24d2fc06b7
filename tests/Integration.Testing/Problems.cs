using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Integration.Testing;

/// <summary>Assertions on the problem documents of api.md.</summary>
public static class Problems
{
    /// <summary>A 400 <c>validation_failed</c> naming <paramref name="field"/> among its errors.</summary>
    public static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"an error on {field}: {problem}");
    }
}
