using System.Net.Http.Json;

namespace Integration.Portal.Api;

/// <summary>Staff as the API names them: the account id and the name colleagues know.</summary>
public sealed record StaffMember(string Id, string Name);

public sealed record HouseholdMember(Guid ClientId, string DisplayName, string Relationship, int Age, bool DateOfBirthIsApproximate,
    IReadOnlyList<string> Vulnerabilities, int OpenNeeds, DateOnly? TurnsEighteenOn);

public sealed record Household(Guid HouseholdId, string Office, IReadOnlyList<HouseholdMember> Members, IReadOnlyList<string> Flags, int Version);

public sealed record HouseholdCreated(Guid HouseholdId);

public sealed record NewHouseholdMember(Guid ClientId, string Relationship);

public sealed record CaseNote(Guid Id, string Text, StaffMember By, DateTimeOffset At);

public sealed record CaseNoteCreated(Guid NoteId);

/// <summary>One thing that happened in the case, in any service (<c>GET /clients/{id}/timeline</c>).</summary>
public sealed record CaseEvent(DateTimeOffset At, StaffMember By, string Service, string Type, string Summary, IReadOnlyDictionary<string, string>? Details);

public sealed record WorkItem(string Kind, DateOnly DueOn, Guid ClientId, string DisplayName, string Summary, string Link, Guid? PlanId)
{
    /// <summary>What the item is about, as values the portal words (<c>action</c>, <c>service_name</c>, <c>organisation_name</c>, <c>language</c>).</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }
}

public sealed record Responsible(string Kind, Guid? OrganisationId);

public sealed record PlanGoal(Guid GoalId, Guid? NeedId, string Domain, string Description, string? Indicator, string Progress, string? ProgressNote);

public sealed record PlanAction(Guid ActionId, Guid GoalId, string Description, Responsible Responsible, DateOnly DueOn, bool Done, DateOnly? DoneOn);

public sealed record PlanAgreement(int PlanVersion, DateOnly AgreedOn, string Language, string AgreedBy);

public sealed record PlanReview(int PlanVersion, DateOnly ReviewedOn, DateOnly? NextReviewOn, string ReviewedBy);

public sealed record Plan(Guid PlanId, string Status, int Version, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAction> Actions, IReadOnlyList<PlanAgreement> Agreements, IReadOnlyList<PlanReview> Reviews, DateOnly? NextReviewOn,
    int StreamVersion);

public sealed record PlanCreated(Guid PlanId, int Version);

public sealed record PlanGoalDraft(Guid? GoalId, Guid? NeedId, string? Domain, string? Description, string? Indicator);

public sealed record PlanActionDraft(Guid? ActionId, int? Goal, string? Description, Responsible? Responsible, DateOnly? DueOn);

/// <summary>The content of a plan as it is drafted or changed (docs/api.md <c>POST /clients/{id}/plans</c>).</summary>
public sealed record PlanDraft(DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<PlanGoalDraft> Goals, IReadOnlyList<PlanActionDraft> Actions);

public sealed record IdentityCorrection(string? GivenName, string? FamilyName, IReadOnlyList<string> OtherNames, DateOnly? DateOfBirth,
    bool DateOfBirthIsApproximate, string? Sex, IReadOnlyList<string> Nationalities, string? Reason);

/// <summary>Intake's case endpoints (docs/api.md, "Cases"): households, plans, notes, the timeline, the worklist, ownership and corrections.</summary>
/// <summary>A pair in the duplicates queue: two records that may be one person, and why the matcher thinks so.</summary>
public sealed record DuplicatePairRow(Guid PairId, IReadOnlyList<Guid> ClientIds, double Score, IReadOnlyList<string> MatchedOn, DateTimeOffset FlaggedAt,
    string Source, IReadOnlyList<string> Offices);

public sealed class CasesApi(HttpClient http)
{
    public Task<ApiResult<ListPage<DuplicatePairRow>>> DuplicatesAsync(int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<DuplicatePairRow>>(() => http.GetAsync($"api/intake/duplicates?page={page}&pageSize=20", cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> NotTheSameAsync(Guid pairId, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/duplicates/{pairId}/not-the-same", new { reason }, null, cancellationToken);

    /// <summary>Merges <paramref name="duplicateId"/> into <paramref name="survivorId"/>, as the survivor was read (<paramref name="version"/>).</summary>
    public Task<ApiResult<object>> MergeAsync(Guid survivorId, int version, Guid duplicateId, int duplicateVersion, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{survivorId}/merge", new { duplicateId, reason, duplicateVersion }, version,
            cancellationToken);

    public Task<ApiResult<object>> UnmergeAsync(Guid survivorId, Guid duplicateId, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{survivorId}/unmerge", new { duplicateId, reason }, null, cancellationToken);

    public Task<ApiResult<Household>> HouseholdAsync(Guid householdId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<Household>(() => http.GetAsync($"api/intake/households/{householdId}", cancellationToken), cancellationToken);

    public Task<ApiResult<HouseholdCreated>> FormHouseholdAsync(IReadOnlyList<NewHouseholdMember> members, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<HouseholdCreated>(() => http.PostAsJsonAsync("api/intake/households", new { members }, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> AddMemberAsync(Guid householdId, int version, NewHouseholdMember member, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/households/{householdId}/members", member, version, cancellationToken);

    public Task<ApiResult<object>> RemoveMemberAsync(Guid householdId, int version, Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Delete, $"api/intake/households/{householdId}/members/{clientId}", null, version, cancellationToken);

    public Task<ApiResult<ListPage<CaseNote>>> NotesAsync(Guid clientId, int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<CaseNote>>(() => http.GetAsync($"api/intake/clients/{clientId}/notes?page={page}&pageSize=10", cancellationToken),
            cancellationToken);

    public Task<ApiResult<CaseNoteCreated>> AddNoteAsync(Guid clientId, string text, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<CaseNoteCreated>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/notes", new { text }, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<ListPage<CaseEvent>>> TimelineAsync(Guid clientId, int page, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<CaseEvent>>(() => http.GetAsync($"api/intake/clients/{clientId}/timeline?page={page}&pageSize=20", cancellationToken),
            cancellationToken);

    public Task<ApiResult<ListPage<WorkItem>>> WorklistAsync(string? kind, bool mine, int page, CancellationToken cancellationToken)
    {
        var query = $"page={page}&pageSize=20" + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}") + (mine ? "&assignedTo=me" : "");
        return ApiCalls.SendAsync<ListPage<WorkItem>>(() => http.GetAsync($"api/intake/worklist?{query}", cancellationToken), cancellationToken);
    }

    public Task<ApiResult<ListPage<Plan>>> PlansAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<Plan>>(() => http.GetAsync($"api/intake/clients/{clientId}/plans?pageSize=20", cancellationToken), cancellationToken);

    public Task<ApiResult<PlanCreated>> DraftPlanAsync(Guid clientId, PlanDraft draft, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<PlanCreated>(() => http.PostAsJsonAsync($"api/intake/clients/{clientId}/plans", draft, ApiCalls.Json, cancellationToken),
            cancellationToken);

    public Task<ApiResult<object>> RevisePlanAsync(Guid clientId, Plan plan, PlanDraft draft, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/plans/{plan.PlanId}", draft, plan.StreamVersion, cancellationToken);

    /// <summary>A step of a plan (<c>agree</c>, <c>reviews</c>, <c>actions/{id}/done</c>, <c>close</c>) with its body, at the version shown.</summary>
    public Task<ApiResult<object>> ActOnPlanAsync(Guid clientId, Plan plan, string action, object body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/plans/{plan.PlanId}/{action}", body, plan.StreamVersion, cancellationToken);

    public Task<HttpResponseMessage> AgreementAsync(Guid clientId, Guid planId, string language, CancellationToken cancellationToken) =>
        http.GetAsync($"api/intake/clients/{clientId}/plans/{planId}/agreement?lang={language}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<ApiResult<object>> AssignAsync(Guid clientId, int version, StaffMember caseWorker, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/assign", new { caseWorker, reason }, version, cancellationToken);

    public Task<ApiResult<object>> TransferAsync(Guid clientId, int version, string? office, string? reason, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/intake/clients/{clientId}/transfer", new { office, reason }, version, cancellationToken);

    public Task<ApiResult<object>> CorrectIdentityAsync(Guid clientId, int version, IdentityCorrection correction, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/identity", correction, version, cancellationToken);

    public Task<ApiResult<object>> CorrectVulnerabilitiesAsync(Guid clientId, int version, IReadOnlyList<string> vulnerabilities, string? reason,
        CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Put, $"api/intake/clients/{clientId}/vulnerabilities", new { vulnerabilities, reason }, version, cancellationToken);
}
