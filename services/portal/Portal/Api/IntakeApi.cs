using System.Net.Http.Json;
using System.Text.Json;
using Integration.ServiceDefaults;

namespace Integration.Portal.Api;

public sealed record DuplicateCheck(string GivenName, string FamilyName, DateOnly DateOfBirth, bool DateOfBirthIsApproximate, string? Nationality,
    string? Sex);

public sealed record DuplicateCandidate(Guid ClientId, double Score, IReadOnlyList<string> MatchedOn, string GivenName, string FamilyName,
    DateOnly DateOfBirth, string? Office);

public sealed record DuplicateCheckResult(IReadOnlyList<DuplicateCandidate> Candidates);

public sealed record Registration(
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth,
    bool DateOfBirthIsApproximate,
    string? Sex,
    IReadOnlyList<string> Nationalities,
    string? PreferredLanguage,
    bool InterpreterRequired,
    string? Phone,
    string? Email,
    DuplicateOverride? DuplicateCheckOverride);

public sealed record DuplicateOverride(string Reason);

public sealed record ClientCreated(Guid ClientId, int Version);

public sealed record ClientSummary(Guid ClientId, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate, IReadOnlyList<string> Nationalities, string? Office, DateTimeOffset RegisteredAt);

public sealed record ClientPage(IReadOnlyList<ClientSummary> Items, int Page, int PageSize, long Total, bool TotalIsCapped);

/// <summary>Intake's public API as the portal's screens use it (api.md, <c>/api/intake</c>).</summary>
public interface IIntakeApi
{
    Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheck check, CancellationToken cancellationToken);

    Task<ApiResult<ClientCreated>> RegisterAsync(Registration registration, CancellationToken cancellationToken);

    Task<ApiResult<ClientPage>> SearchAsync(string? text, DateOnly? dateOfBirth, string? documentNumber, int page, int pageSize,
        CancellationToken cancellationToken);
}

public sealed class IntakeApi(HttpClient http) : IIntakeApi
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheck check, CancellationToken cancellationToken) =>
        SendAsync<DuplicateCheckResult>(() => http.PostAsJsonAsync("api/intake/clients/duplicate-check", check, Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientCreated>> RegisterAsync(Registration registration, CancellationToken cancellationToken) =>
        SendAsync<ClientCreated>(() => http.PostAsJsonAsync("api/intake/clients", registration, Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientPage>> SearchAsync(string? text, DateOnly? dateOfBirth, string? documentNumber, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = new List<string> { $"page={page}", $"pageSize={pageSize}" };
        AddIf(query, "q", text);
        AddIf(query, "dateOfBirth", dateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        AddIf(query, "documentNumber", documentNumber);
        return SendAsync<ClientPage>(() => http.GetAsync($"api/intake/clients?{string.Join('&', query)}", cancellationToken), cancellationToken);
    }

    private static void AddIf(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    private static async Task<ApiResult<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode
                ? new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null)
                : new ApiResult<T>(default, await ApiProblem.ReadAsync(response, cancellationToken));
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
