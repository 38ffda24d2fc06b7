using System.Net.Http.Json;
using Integration.Portal.Api.Contracts.Referrals;
using Integration.Vocabulary;

namespace Integration.Portal.Api;

/// <summary>
/// What the partner's inbox asks for: a <see cref="Stage"/> (<c>new</c>, <c>in_progress</c>, <c>waiting</c>, <c>closed</c>),
/// overdue or not, an urgency, one of the organisation's services, and a client or service name (<see cref="Text"/>).
/// </summary>
public sealed record InboxQuery(string Stage, bool? Overdue, string? Urgency, Guid? ServiceId, string? Text, string Sort, int Page, int PageSize)
{
    public string ToQueryString() =>
        $"stage={Stage}&sort={Uri.EscapeDataString(Sort)}&page={Page}&pageSize={PageSize}"
        + (Overdue is { } late ? $"&overdue={(late ? "true" : "false")}" : "")
        + (Urgency is null ? "" : $"&urgency={Uri.EscapeDataString(Urgency)}")
        + (ServiceId is { } service ? $"&serviceId={service}" : "")
        + (string.IsNullOrWhiteSpace(Text) ? "" : $"&q={Uri.EscapeDataString(Text.Trim())}");

    /// <summary>The filters that also narrow the counts (not the stage, order or page).</summary>
    public string ToCountsQueryString() =>
        string.Join('&', new[]
        {
            Urgency is null ? null : $"urgency={Uri.EscapeDataString(Urgency)}",
            ServiceId is { } service ? $"serviceId={service}" : null,
            string.IsNullOrWhiteSpace(Text) ? null : $"q={Uri.EscapeDataString(Text.Trim())}",
        }.Where(part => part is not null));
}

/// <summary>
/// Filters of the coordinator's caseload (docs/api.md <c>GET /caseload</c>); the intake statistics and the mediators'
/// demand take its period and office (<see cref="PeriodAndOffice"/>).
/// </summary>
public sealed record CaseloadQuery(DateOnly? From, DateOnly? To, string? Office, NeedDomain? Category)
{
    public CaseloadQuery PeriodAndOffice => this with { Category = null };

    public string ToQueryString()
    {
        var parts = new List<string>();
        if (From is { } from)
        {
            parts.Add($"from={from:yyyy-MM-dd}");
        }

        if (To is { } to)
        {
            parts.Add($"to={to:yyyy-MM-dd}");
        }

        if (!string.IsNullOrWhiteSpace(Office))
        {
            parts.Add($"office={Uri.EscapeDataString(Office.Trim())}");
        }

        if (Category is { } category)
        {
            parts.Add($"category={VocabularyNames.Name(category)}");
        }

        return string.Join('&', parts);
    }
}

/// <summary>Referrals' public API as the portal's screens use it (docs/api.md, <c>/api/referrals</c>).</summary>
public sealed class ReferralsApi(HttpClient http)
{
    public Task<ApiResult<ListPageOfDirectoryEntry>> DirectoryAsync(NeedDomain category, string? language, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfDirectoryEntry>(() => http.GetAsync(
            $"api/referrals/directory?category={VocabularyNames.Name(category)}&pageSize=100{(string.IsNullOrWhiteSpace(language) ? "" : $"&language={Uri.EscapeDataString(language)}")}",
            cancellationToken), cancellationToken);

    public Task<ApiResult<ListPageOfOrganisationView>> OrganisationsAsync(CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfOrganisationView>(() => http.GetAsync("api/referrals/organisations?pageSize=200", cancellationToken), cancellationToken);

    public Task<ApiResult<ReferralCreated>> ReferAsync(CreateReferralRequest referral, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ReferralCreated>(() => http.PostAsJsonAsync("api/referrals/referrals", referral, ApiCalls.Json, cancellationToken), cancellationToken);

    public Task<ApiResult<ListPageOfReferralView>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfReferralView>(() => http.GetAsync($"api/referrals/referrals?clientId={clientId}&pageSize=200", cancellationToken), cancellationToken);

    /// <summary>The partner's referrals as <paramref name="query"/> asks.</summary>
    public Task<ApiResult<ListPageOfReferralView>> InboxAsync(InboxQuery query, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfReferralView>(() => http.GetAsync($"api/referrals/inbox?{query?.ToQueryString()}", cancellationToken), cancellationToken);

    /// <summary>How many referrals each stage holds under the filters, and the signal that moves with any change (no client data).</summary>
    public Task<ApiResult<InboxCounts>> InboxCountsAsync(InboxQuery query, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<InboxCounts>(() => http.GetAsync($"api/referrals/inbox/counts?{query?.ToCountsQueryString()}", cancellationToken), cancellationToken);

    /// <summary>A signal that moves whenever one of the client's referrals changes (no client data).</summary>
    public async Task<string?> ChangesForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await ApiCalls.SendAsync<ReferralChanges>(() => http.GetAsync($"api/referrals/referrals/changes?clientId={clientId}", cancellationToken),
            cancellationToken)).Value?.Changes;

    /// <summary>One organisation's services, for the partner's filter.</summary>
    public Task<ApiResult<ListPageOfDirectoryEntry>> ServicesOfAsync(Guid organisationId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfDirectoryEntry>(() => http.GetAsync($"api/referrals/directory?organisationId={organisationId}&pageSize=100",
            cancellationToken), cancellationToken);

    /// <summary>One step of the closed loop (<c>accept</c>, <c>decline</c>, <c>complete</c>, …) with its body, if any.</summary>
    public Task<ApiResult<ReferralUpdateCreated>> PostUpdateAsync(Guid referralId, string? tenantId, string text, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ReferralUpdateCreated>(() => http.PostAsJsonAsync($"api/referrals/referrals/{referralId}/updates{ApiCalls.InTenant(tenantId)}", new PostReferralUpdateRequest { Text = text }, ApiCalls.Json,
            cancellationToken), cancellationToken);

    public Task<ApiResult<object>> ActAsync(Guid referralId, string? tenantId, string action, object? body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/referrals/referrals/{referralId}/{action}{ApiCalls.InTenant(tenantId)}", body, version: null, cancellationToken);

    /// <summary>The funding streams by code (coordinators); a city has a handful, so one page of 200 holds them.</summary>
    public Task<ApiResult<ListPageOfFundingStreamView>> FundingStreamsAsync(CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfFundingStreamView>(() => http.GetAsync("api/referrals/funding-streams?pageSize=200", cancellationToken),
            cancellationToken);

    public Task<ApiResult<FundingStreamView>> RegisterFundingStreamAsync(RegisterFundingStreamRequest stream, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<FundingStreamView>(() => http.PostAsJsonAsync("api/referrals/funding-streams", stream, ApiCalls.Json, cancellationToken),
            cancellationToken);

    /// <summary>The funders' report of one stream; without dates, over the stream's own.</summary>
    public Task<ApiResult<FundingReport>> FundingReportAsync(string stream, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<FundingReport>(() => http.GetAsync($"api/referrals/reports/funding{FundingReportQuery(stream, from, to)}", cancellationToken),
            cancellationToken);

    /// <summary>The funders' report as CSV, streamed to the coordinator's browser by the portal.</summary>
    public Task<HttpResponseMessage> FundingReportCsvAsync(string queryString, CancellationToken cancellationToken) =>
        http.GetAsync($"api/referrals/reports/funding.csv{queryString}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public static string FundingReportQuery(string stream, DateOnly? from, DateOnly? to) =>
        QueryString.Create([
            KeyValuePair.Create("stream", (string?)stream),
            .. new[] { ("from", from), ("to", to) }.Where(date => date.Item2 is not null)
                .Select(date => KeyValuePair.Create(date.Item1, (string?)date.Item2!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
        ]).Value ?? "";

    public Task<ApiResult<CaseloadView>> CaseloadAsync(CaseloadQuery query, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<CaseloadView>(() => http.GetAsync($"api/referrals/caseload?{query?.ToQueryString()}", cancellationToken), cancellationToken);

    /// <summary>The caseload as CSV, streamed to the coordinator's browser by the portal.</summary>
    public Task<HttpResponseMessage> CaseloadCsvAsync(string queryString, CancellationToken cancellationToken) =>
        http.GetAsync($"api/referrals/caseload.csv{queryString}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
