using System.Net.Http.Json;
using Integration.Vocabulary;

namespace Integration.Portal.Api;

public sealed record DuplicateCheck(string GivenName, string FamilyName, DateOnly DateOfBirth, bool DateOfBirthIsApproximate, string? Nationality,
    string? Sex);

/// <summary>A possible duplicate; one of another office than the caller's comes without id, names and date of birth (initials and birth year instead).</summary>
public sealed record DuplicateCandidate(double Score, IReadOnlyList<string> MatchedOn, string? Office, int BirthYear, string Initials,
    Guid? ClientId = null, string? GivenName = null, string? FamilyName = null, DateOnly? DateOfBirth = null);

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
    DuplicateOverride? DuplicateCheckOverride,
    AddressChange? Address = null,
    LegalStatusChange? LegalStatus = null);

public sealed record DuplicateOverride(string Reason);

public sealed record ClientCreated(Guid ClientId, int Version);

public sealed record ClientSummary(Guid ClientId, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate, IReadOnlyList<string> Nationalities, string? Office, DateTimeOffset RegisteredAt,
    string CaseStatus = "open", string? PreferredLanguage = null, bool InterpreterRequired = false, string? Phone = null);

/// <summary>A client search: name (any spelling), date of birth, document number, and the order (<c>relevance</c>, <c>name</c>, <c>registered</c>).</summary>
public sealed record ClientQuery(string? Text, DateOnly? DateOfBirth, string? DocumentNumber, string Sort = "relevance");

/// <summary>The searched name at another office, masked: whom to call, never who it is.</summary>
public sealed record ElsewhereMatch(string? Office, int BirthYear, string Initials, IReadOnlyList<string> MatchedOn);

public sealed record ClientPage(IReadOnlyList<ClientSummary> Items, int Page, int PageSize, long Total, bool TotalIsCapped,
    IReadOnlyList<ElsewhereMatch>? Elsewhere = null);

public sealed record Address(string Municipality, string? District, string? Postcode);

public sealed record LegalStatusDetails(string Category, string? DocumentNumber, DateOnly? ValidUntil);

public sealed record LegalStatusEntry(LegalStatusDetails LegalStatus, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record LegalStatus(string Category, string? DocumentNumber, DateOnly? ValidUntil, bool Expired, bool ExpiresSoon, int? DaysUntilExpiry);

public sealed record Consent(Guid Id, ConsentPurpose Purpose, Guid? RecipientOrganisationId, NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory> DataCategories, LawfulBasis LawfulBasis, DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt, string Status);

public sealed record Need(Guid Id, NeedDomain Domain, Priority Priority, string Description, string Status, DateTimeOffset AddedAt);

public sealed record CaseFile(string Status, DateTimeOffset OpenedAt, string? Outcome);

/// <summary>The client as <c>GET /api/intake/clients/{id}</c> answers; only the fields the screens show.</summary>
public sealed record ClientRecord(Guid Id, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate, IReadOnlyList<string> Nationalities, string? PreferredLanguage, bool InterpreterRequired, string? Phone,
    string? Email, Address? Address, LegalStatus? LegalStatus, IReadOnlyList<LegalStatusEntry> LegalStatusHistory, string? Office, IReadOnlyList<Consent> Consents, IReadOnlyList<Need> Needs, CaseFile Case,
    DateTimeOffset RegisteredAt, int Version)
{
    public string? Sex { get; init; }

    public IReadOnlyList<string> Vulnerabilities { get; init; } = [];

    public Guid? HouseholdId { get; init; }

    public StaffMember? CaseWorker { get; init; }

    /// <summary><c>active</c>, or <c>merged</c> when this record is merged into <see cref="MergedInto"/>.</summary>
    public string Status { get; init; } = "active";

    public Guid? MergedInto { get; init; }
}

public sealed record ConsentRequest(ConsentPurpose Purpose, Guid? RecipientOrganisationId, NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory> DataCategories, LawfulBasis LawfulBasis, DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt, string? Evidence);

public sealed record ConsentRecorded(Guid ConsentId);

public sealed record NeedRequest(NeedDomain? Domain, Priority? Priority, string? Description);

public sealed record NeedAdded(Guid NeedId);

/// <summary>Body of <c>PUT /clients/{id}/contact</c>: the whole contact block, replacing the previous one.</summary>
public sealed record ContactChange(string? Phone, string? Email, AddressChange? Address);

public sealed record AddressChange(string? Municipality, string? District, string? Postcode);

/// <summary>Body of <c>PUT /clients/{id}/legal-status</c>: the new current status; the previous ones stay in the history.</summary>
public sealed record LegalStatusChange(LegalStatusCategory? Category, string? DocumentNumber, DateOnly? ValidUntil);

/// <summary>One read of the person's data: who, in which role and office or organisation, when, through which service.</summary>
public sealed record AccessRecord(Guid Id, DateTimeOffset At, string By, string Role, Guid? Organisation, string? Office, string Service, string Endpoint)
{
    public string? ByName { get; init; }
}

/// <summary>An erasure and the services that have confirmed it (<c>status</c>: <c>pending</c> or <c>complete</c>).</summary>
public sealed record ErasureStatus(string Status, string ErasedBy, DateTimeOffset ErasedAt, IReadOnlyList<ServiceErasure> Services);

public sealed record ServiceErasure(string Service, DateTimeOffset? ConfirmedAt);

/// <summary>One change of the record: the API's English <c>summary</c>, and its facts as values (<c>details</c>) for the screen's own words.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, string By, string Type, string Summary, IReadOnlyDictionary<string, string>? Details);


/// <summary>What the registration form needs of intake: the duplicate check and the registration.</summary>
public interface IClientRegistration
{
    Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheck check, CancellationToken cancellationToken);

    Task<ApiResult<ClientCreated>> RegisterAsync(Registration registration, CancellationToken cancellationToken);
}

/// <summary>Intake's public API as the portal's screens use it (docs/api.md, <c>/api/intake</c>).</summary>
public interface IIntakeApi : IClientRegistration
{
    Task<ApiResult<ClientPage>> SearchAsync(ClientQuery search, int page, int pageSize, CancellationToken cancellationToken);

    Task<ApiResult<ClientRecord>> GetClientAsync(Guid clientId, CancellationToken cancellationToken);

    Task<ApiResult<ConsentRecorded>> GiveConsentAsync(Guid clientId, ConsentRequest consent, CancellationToken cancellationToken);

    Task<ApiResult<NeedAdded>> AddNeedAsync(Guid clientId, NeedRequest need, CancellationToken cancellationToken);

    // The changes of a client below carry the version the screen showed (If-Match): a stale one answers 412.

    Task<ApiResult<object>> WithdrawConsentAsync(Guid clientId, int version, Guid consentId, string? reason, CancellationToken cancellationToken);

    Task<ApiResult<object>> ChangeContactAsync(Guid clientId, int version, ContactChange change, CancellationToken cancellationToken);

    Task<ApiResult<object>> ChangeLegalStatusAsync(Guid clientId, int version, LegalStatusChange change, CancellationToken cancellationToken);

    Task<ApiResult<ListPage<AccessRecord>>> AccessLogAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken);

    Task<ApiResult<ErasureStatus>> EraseAsync(Guid clientId, CancellationToken cancellationToken);

    Task<ApiResult<ErasureStatus>> ErasureAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>The subject access export as the API answers it, for the portal to stream.</summary>
    Task<HttpResponseMessage> ExportAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>The same as a document for the person, in their language where the portal speaks it, else <paramref name="language"/>; times in the office's zone.</summary>
    Task<HttpResponseMessage> SubjectAccessReportAsync(Guid clientId, string language, CancellationToken cancellationToken);

    /// <summary>A recorded consent as a document to sign and keep, in the person's language where the portal speaks it, else <paramref name="language"/>.</summary>
    Task<HttpResponseMessage> ConsentFormAsync(Guid clientId, Guid consentId, string language, CancellationToken cancellationToken);

    /// <summary>A step of case work on the client (<c>close</c>, <c>reopen</c>, <c>needs/{id}/resolve</c>, <c>needs/{id}/reprioritise</c>) with its body.</summary>
    Task<ApiResult<object>> ActAsync(Guid clientId, int version, string action, object body, CancellationToken cancellationToken);
}

public sealed class IntakeApi(HttpClient http) : IIntakeApi
{
    public Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheck check, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<DuplicateCheckResult>(() => http.PostAsJsonAsync("api/intake/clients/duplicate-check", check, ApiCalls.Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientCreated>> RegisterAsync(Registration registration, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ClientCreated>(() => http.PostAsJsonAsync("api/intake/clients", registration, ApiCalls.Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ClientPage>> SearchAsync(ClientQuery search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"page={page}", $"pageSize={pageSize}" };
        AddIf(query, "q", search.Text);
        AddIf(query, "dateOfBirth", search.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        AddIf(query, "documentNumber", search.DocumentNumber);
        AddIf(query, "sort", search.Sort);
        return ApiCalls.SendAsync<ClientPage>(() => http.GetAsync($"api/intake/clients?{string.Join('&', query)}", cancellationToken), cancellationToken);
    }

    public Task<ApiResult<ClientRecord>> GetClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ClientRecord>(() => http.GetAsync($"api/intake/clients/{clientId}", cancellationToken), cancellationToken);

    public Task<ApiResult<ConsentRecorded>> GiveConsentAsync(Guid clientId, ConsentRequest consent, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ConsentRecorded>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/consents", consent, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<NeedAdded>> AddNeedAsync(Guid clientId, NeedRequest need, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<NeedAdded>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/needs", need, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> WithdrawConsentAsync(Guid clientId, int version, Guid consentId, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/consents/{consentId}/withdraw", new { reason }, version,
            cancellationToken);

    public Task<ApiResult<object>> ChangeContactAsync(Guid clientId, int version, ContactChange change, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/contact", change, version, cancellationToken);

    public Task<ApiResult<object>> ChangeLegalStatusAsync(Guid clientId, int version, LegalStatusChange change, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/legal-status", change, version, cancellationToken);

    public Task<ApiResult<object>> ActAsync(Guid clientId, int version, string action, object body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/{action}", body, version, cancellationToken);

    public Task<ApiResult<ListPage<AccessRecord>>> AccessLogAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<AccessRecord>>(() => http.GetAsync($"api/intake/clients/{clientId}/access-log?page={page}&pageSize={pageSize}",
            cancellationToken), cancellationToken);

    public Task<ApiResult<ErasureStatus>> EraseAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ErasureStatus>(() => http.PostAsync($"api/intake/clients/{clientId}/erasure", content: null, cancellationToken),
            cancellationToken);

    public Task<ApiResult<ErasureStatus>> ErasureAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ErasureStatus>(() => http.GetAsync($"api/intake/clients/{clientId}/erasure", cancellationToken), cancellationToken);

    public Task<HttpResponseMessage> ExportAsync(Guid clientId, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/export", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> ConsentFormAsync(Guid clientId, Guid consentId, string language, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/consents/{consentId}/form?lang={Uri.EscapeDataString(language)}&timeZone={Uri.EscapeDataString(OfficeTime.Zone.Id)}",
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> SubjectAccessReportAsync(Guid clientId, string language, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/export.html?lang={Uri.EscapeDataString(language)}&timeZone={Uri.EscapeDataString(OfficeTime.Zone.Id)}",
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static void AddIf(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
