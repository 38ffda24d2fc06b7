using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Integration.Testing;

/// <summary>Assertions on the problem documents of docs/api.md.</summary>
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

    /// <summary>The fields a 400 <c>validation_failed</c> names, in order.</summary>
    public static async Task<IReadOnlyList<string>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        return [.. problem.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>The first code a 400 <c>validation_failed</c> gives <paramref name="field"/> (its <c>errorCodes</c>).</summary>
    public static async Task<string?> FieldErrorCodeAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        return problem.GetProperty("errorCodes").GetProperty(field)[0].GetString();
    }

    /// <summary>A problem document with this status and <c>code</c>; returns it for further assertions.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
