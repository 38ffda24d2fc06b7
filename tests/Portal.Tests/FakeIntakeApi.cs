using System.Net;
using System.Text.Json;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;

namespace Integration.Portal.Tests;

/// <summary>Intake's registration as a component test scripts it: answers set per test, every call recorded.</summary>
internal sealed class FakeIntakeApi : IClientRegistration
{
    public List<DuplicateCheckRequest> Checks { get; } = [];

    public List<RegisterClientRequest> Registrations { get; } = [];

    public IReadOnlyList<DuplicateCandidate> Candidates { get; set; } = [];

    public ApiProblem? RegistrationProblem { get; set; }

    /// <summary>The id every successful registration answers with.</summary>
    public Guid RegisteredId { get; } = Guid.NewGuid();

    public Task<ApiResult<DuplicateCheckResult>> CheckDuplicatesAsync(DuplicateCheckRequest check, CancellationToken cancellationToken)
    {
        Checks.Add(check);
        return Task.FromResult(new ApiResult<DuplicateCheckResult>(new DuplicateCheckResult { Candidates = Candidates }, null));
    }

    public Task<ApiResult<ClientCreated>> RegisterAsync(RegisterClientRequest registration, CancellationToken cancellationToken)
    {
        Registrations.Add(registration);
        return Task.FromResult(RegistrationProblem is { } problem
            ? new ApiResult<ClientCreated>(null, problem)
            : new ApiResult<ClientCreated>(new ClientCreated { ClientId = RegisteredId, Version = 1 }, null));
    }

    /// <summary>A problem document as the API sends it, read the way the portal reads real answers.</summary>
    public static async Task<ApiProblem> ProblemAsync(HttpStatusCode status, object body)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(JsonSerializer.Serialize(body)) };
        return await ApiProblem.ReadAsync(response, CancellationToken.None);
    }
}
