using System.Net.Http.Json;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Vocabulary;

namespace Integration.Portal.Api;

/// <summary>Intake's case endpoints (docs/api.md, "Cases"): households, plans, notes, the timeline, the worklist, ownership and corrections.</summary>
public sealed class CasesApi(HttpClient http)
{
    public Task<ApiResult<ListPageOfDuplicatePairView>> DuplicatesAsync(int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfDuplicatePairView>(() => http.GetAsync($"api/intake/duplicates?page={page}&pageSize=20", cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> NotTheSameAsync(Guid pairId, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/duplicates/{pairId}/not-the-same", new DismissDuplicatePairRequest { Reason = reason }, null, cancellationToken);

    /// <summary>Merges <paramref name="duplicateId"/> into <paramref name="survivorId"/>, as the survivor was read (<paramref name="version"/>).</summary>
    public Task<ApiResult<object>> MergeAsync(Guid survivorId, int version, Guid duplicateId, int duplicateVersion, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{survivorId}/merge", new MergeClientsRequest { DuplicateId = duplicateId, Reason = reason, DuplicateVersion = duplicateVersion }, version,
            cancellationToken);

    public Task<ApiResult<object>> UnmergeAsync(Guid survivorId, Guid duplicateId, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{survivorId}/unmerge", new MergeClientsRequest { DuplicateId = duplicateId, Reason = reason }, null, cancellationToken);

    public Task<ApiResult<HouseholdView>> HouseholdAsync(Guid householdId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<HouseholdView>(() => http.GetAsync($"api/intake/households/{householdId}", cancellationToken), cancellationToken);

    public Task<ApiResult<HouseholdCreated>> FormHouseholdAsync(IReadOnlyList<HouseholdMemberRequest> members, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<HouseholdCreated>(() => http.PostAsJsonAsync("api/intake/households", new FormHouseholdRequest { Members = members }, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> AddMemberAsync(Guid householdId, int version, HouseholdMemberRequest member, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/households/{householdId}/members", member, version, cancellationToken);

    public Task<ApiResult<object>> RemoveMemberAsync(Guid householdId, int version, Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Delete, $"api/intake/households/{householdId}/members/{clientId}", null, version, cancellationToken);

    public Task<ApiResult<ListPageOfCaseNote>> NotesAsync(Guid clientId, int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfCaseNote>(() => http.GetAsync($"api/intake/clients/{clientId}/notes?page={page}&pageSize=10", cancellationToken),
            cancellationToken);

    public Task<ApiResult<CaseNoteCreated>> AddNoteAsync(Guid clientId, string text, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<CaseNoteCreated>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/notes", new AddCaseNoteRequest { Text = text }, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<ListPageOfTimelineEntry>> TimelineAsync(Guid clientId, int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfTimelineEntry>(() => http.GetAsync($"api/intake/clients/{clientId}/timeline?page={page}&pageSize=20", cancellationToken),
            cancellationToken);

    public Task<ApiResult<ListPageOfWorkItem>> WorklistAsync(string? kind, bool mine, int page, CancellationToken cancellationToken)
    {
        var query = $"page={page}&pageSize=20" + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}") + (mine ? "&assignedTo=me" : "");
        return ApiCalls.SendAsync<ListPageOfWorkItem>(() => http.GetAsync($"api/intake/worklist?{query}", cancellationToken), cancellationToken);
    }

    public Task<ApiResult<ListPageOfPlanView>> PlansAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfPlanView>(() => http.GetAsync($"api/intake/clients/{clientId}/plans?pageSize=20", cancellationToken), cancellationToken);

    public Task<ApiResult<PlanCreated>> DraftPlanAsync(Guid clientId, PlanContentRequest draft, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<PlanCreated>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/plans", draft, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> RevisePlanAsync(Guid clientId, PlanView plan, PlanContentRequest draft, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/plans/{plan.PlanId}", draft, plan.StreamVersion, cancellationToken);

    /// <summary>A step of a plan (<c>agree</c>, <c>reviews</c>, <c>actions/{id}/done</c>, <c>close</c>) with its body, at the version shown.</summary>
    public Task<ApiResult<object>> ActOnPlanAsync(Guid clientId, PlanView plan, string action, object body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/plans/{plan.PlanId}/{action}", body, plan.StreamVersion, cancellationToken);

    public Task<HttpResponseMessage> AgreementAsync(Guid clientId, Guid planId, string language, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/plans/{planId}/agreement?lang={language}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<ApiResult<object>> AssignAsync(Guid clientId, int version, StaffMember caseWorker, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/assign", new AssignCaseWorkerRequest { CaseWorker = new CaseWorkerRequest { Id = caseWorker.Id, Name = caseWorker.Name }, Reason = reason }, version, cancellationToken);

    /// <summary>The desks' figures for the period and office of <paramref name="filter"/> (coordinators).</summary>
    public Task<ApiResult<StatisticsView>> StatisticsAsync(CaseloadQuery filter, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<StatisticsView>(() => http.GetAsync($"api/intake/statistics?{filter.PeriodAndOffice.ToQueryString()}", cancellationToken),
            cancellationToken);

    /// <summary>The funding streams a plan action or a booking may name, as intake knows them from referrals (one page of 200: a city has a handful).</summary>
    public Task<ApiResult<ListPageOfFundingStreamChoice>> FundingStreamsAsync(CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfFundingStreamChoice>(() => http.GetAsync("api/intake/funding-streams?pageSize=200", cancellationToken), cancellationToken);

    public Task<ApiResult<OfficeList>> OfficesAsync(CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<OfficeList>(() => http.GetAsync("api/intake/offices", cancellationToken), cancellationToken);

    public Task<ApiResult<object>> TransferAsync(Guid clientId, int version, string? office, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/transfer", new TransferCaseRequest { Office = office, Reason = reason }, version, cancellationToken);

    public Task<ApiResult<object>> CorrectIdentityAsync(Guid clientId, int version, CorrectIdentityRequest correction, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/identity", correction, version, cancellationToken);

    public Task<ApiResult<object>> CorrectVulnerabilitiesAsync(Guid clientId, int version, IReadOnlyList<Vulnerability> vulnerabilities, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/vulnerabilities", new CorrectVulnerabilitiesRequest { Vulnerabilities = vulnerabilities, Reason = reason }, version, cancellationToken);
}
