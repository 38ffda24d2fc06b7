using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.DemoSeed;

/// <summary>The public API through the gateway, as a script uses it: development tokens, and writes that must succeed.</summary>
internal sealed class Gateway(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A token from the gateway's development issuer (<c>POST /dev/token</c>).</summary>
    public async Task<string> TokenAsync(string subject, string role, string? office, Guid? organisation = null, string? tenant = null)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { sub = subject, role, office, name = subject, org = organisation, tenant }, Json);
        return (await ReadAsync(response)).GetProperty("accessToken").GetString()!;
    }

    public async Task<JsonElement> PostAsync(string token, string path, object body)
    {
        using var request = Request(HttpMethod.Post, token, path, body);
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>The created resource's id, named <paramref name="property"/> in the answer.</summary>
    public async Task<Guid> CreateAsync(string token, string path, object body, string property) =>
        (await PostAsync(token, path, body)).GetProperty(property).GetGuid();

    public async Task PutAsync(string token, string path, object body)
    {
        using var request = Request(HttpMethod.Put, token, path, body);
        using var response = await http.SendAsync(request);
        await ReadAsync(response);
    }

    public async Task<JsonElement> GetAsync(string token, string path)
    {
        using var request = Request(HttpMethod.Get, token, path, body: null);
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string token, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayRefused($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal sealed class GatewayRefused(string message) : Exception(message);

/// <summary>Dates as the demo needs them, relative to today (UTC).</summary>
internal static class Days
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string From(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthsFrom(int months) => Today.AddMonths(months).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string YearsAgo(int years, int plusDays = 0) =>
        Today.AddYears(-years).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Monday after today (a week on when today is Monday), at an hour UTC.</summary>
    public static DateTimeOffset NextMonday(int hour)
    {
        var days = ((int)DayOfWeek.Monday - (int)Today.DayOfWeek + 7) % 7;
        return new DateTimeOffset(Today.AddDays(days == 0 ? 7 : days).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
    }
}
