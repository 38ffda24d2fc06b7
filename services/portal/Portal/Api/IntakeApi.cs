using System.Net.Http.Json;
using Integration.Portal.Api.Contracts.Intake;

namespace Integration.Portal.Api;

/// <summary>A client search: name (any spelling), date of birth, document number, and the order (<c>relevance</c>, <c>name</c>, <c>registered</c>).</summary>
public sealed record ClientQuery(string? Text, DateOnly? DateOfBirth, string? DocumentNumber, string Sort = "relevance");

/// <summary>What the registration form needs of intake: the duplicate check and the registration.</summary>
public interface IClientRegistration
{
    Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheckRequest check, CancellationToken cancellationToken);

    Task<ApiResult<ClientCreated>> RegisterAsync(RegisterClientRequest registration, CancellationToken cancellationToken);
}

/// <summary>Intake's public API as the portal's screens use it (docs/api.md, <c>/api/intake</c>).</summary>
public interface IIntakeApi : IClientRegistration
{
    Task<ApiResult<ClientSearchPage>> SearchAsync(ClientQuery search, int page, int pageSize, CancellationToken cancellationToken);

    Task<ApiResult<ClientView>> GetClientAsync(Guid clientId, CancellationToken cancellationToken);

    Task<ApiResult<ConsentRecorded>> GiveConsentAsync(Guid clientId, GiveConsentRequest consent, CancellationToken cancellationToken);

    Task<ApiResult<NeedRecorded>> AddNeedAsync(Guid clientId, AddNeedRequest need, CancellationToken cancellationToken);

    // The changes of a client below carry the version the screen showed (If-Match): a stale one answers 412.

    Task<ApiResult<object>> WithdrawConsentAsync(Guid clientId, int version, Guid consentId, string? reason, CancellationToken cancellationToken);

    Task<ApiResult<object>> ChangeContactAsync(Guid clientId, int version, ChangeContactRequest change, CancellationToken cancellationToken);

    Task<ApiResult<object>> ChangeLegalStatusAsync(Guid clientId, int version, LegalStatusRequest change, CancellationToken cancellationToken);

    Task<ApiResult<ListPageOfAccessRecord>> AccessLogAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken);

    Task<ApiResult<ErasureStatus>> EraseAsync(Guid clientId, CancellationToken cancellationToken);

    Task<ApiResult<ErasureStatus>> ErasureAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>The subject access export as the API answers it, for the portal to stream.</summary>
    Task<HttpResponseMessage> ExportAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>The same as a document for the person, in their language where the portal speaks it, else <paramref name="language"/>; times in <paramref name="zone"/>, the office's.</summary>
    Task<HttpResponseMessage> SubjectAccessReportAsync(Guid clientId, string language, TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>A recorded consent as a document to sign and keep, in the person's language where the portal speaks it, else <paramref name="language"/>.</summary>
    Task<HttpResponseMessage> ConsentFormAsync(Guid clientId, Guid consentId, string language, TimeZoneInfo zone, CancellationToken cancellationToken);

    /// <summary>A step of case work on the client (<c>close</c>, <c>reopen</c>, <c>needs/{id}/resolve</c>, <c>needs/{id}/reprioritise</c>) with its body.</summary>
    Task<ApiResult<object>> ActAsync(Guid clientId, int version, string action, object body, CancellationToken cancellationToken);
}

public sealed class IntakeApi(HttpClient http) : IIntakeApi
{
    public Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheckRequest check, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<DuplicateCheckResult>(() => http.PostAsJsonAsync("api/intake/clients/duplicate-check", check, ApiCalls.Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientCreated>> RegisterAsync(RegisterClientRequest registration, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ClientCreated>(() => http.PostAsJsonAsync("api/intake/clients", registration, ApiCalls.Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientSearchPage>> SearchAsync(ClientQuery search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"page={page}", $"pageSize={pageSize}" };
        AddIf(query, "q", search.Text);
        AddIf(query, "dateOfBirth", search.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        AddIf(query, "documentNumber", search.DocumentNumber);
        AddIf(query, "sort", search.Sort);
        return ApiCalls.SendAsync<ClientSearchPage>(() => http.GetAsync($"api/intake/clients?{string.Join('&', query)}", cancellationToken), cancellationToken);
    }

    public Task<ApiResult<ClientView>> GetClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ClientView>(() => http.GetAsync($"api/intake/clients/{clientId}", cancellationToken), cancellationToken);

    public Task<ApiResult<ConsentRecorded>> GiveConsentAsync(Guid clientId, GiveConsentRequest consent, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ConsentRecorded>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/consents", consent, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<NeedRecorded>> AddNeedAsync(Guid clientId, AddNeedRequest need, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<NeedRecorded>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/needs", need, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> WithdrawConsentAsync(Guid clientId, int version, Guid consentId, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/consents/{consentId}/withdraw", new WithdrawConsentRequest { Reason = reason }, version,
            cancellationToken);

    public Task<ApiResult<object>> ChangeContactAsync(Guid clientId, int version, ChangeContactRequest change, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/contact", change, version, cancellationToken);

    public Task<ApiResult<object>> ChangeLegalStatusAsync(Guid clientId, int version, LegalStatusRequest change, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/legal-status", change, version, cancellationToken);

    public Task<ApiResult<object>> ActAsync(Guid clientId, int version, string action, object body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/{action}", body, version, cancellationToken);

    public Task<ApiResult<ListPageOfAccessRecord>> AccessLogAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfAccessRecord>(() => http.GetAsync($"api/intake/clients/{clientId}/access-log?page={page}&pageSize={pageSize}",
            cancellationToken), cancellationToken);

    public Task<ApiResult<ErasureStatus>> EraseAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ErasureStatus>(() => http.PostAsync($"api/intake/clients/{clientId}/erasure", content: null, cancellationToken),
            cancellationToken);

    public Task<ApiResult<ErasureStatus>> ErasureAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ErasureStatus>(() => http.GetAsync($"api/intake/clients/{clientId}/erasure", cancellationToken), cancellationToken);

    public Task<HttpResponseMessage> ExportAsync(Guid clientId, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/export", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> ConsentFormAsync(Guid clientId, Guid consentId, string language, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/consents/{consentId}/form?lang={Uri.EscapeDataString(language)}&timeZone={Uri.EscapeDataString(zone.Id)}",
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> SubjectAccessReportAsync(Guid clientId, string language, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/export.html?lang={Uri.EscapeDataString(language)}&timeZone={Uri.EscapeDataString(zone.Id)}",
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static void AddIf(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
