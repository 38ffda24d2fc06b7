using System.Net;
using System.Net.Http.Json;

namespace Integration.Intake.Tests;

/// <summary>The bad paths of the case endpoints not covered beside their happy paths: missing fields, unknown ids, stale If-Match, another office.</summary>
public sealed class CaseBadPathTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task household_members_need_a_client_and_a_relationship_and_unknown_or_stale_households_are_refused()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var head = await desk.RegisterAsync(IntakeApi.NewClient());
        var child = await desk.RegisterAsync(IntakeApi.NewClient("Child", dateOfBirth: HouseholdTests.YearsAgo(5)));
        var householdId = await HouseholdTests.FormAsync(desk, (head, "head"), (child, "child"));

        Assert.Equal(["clientId", "relationship"], await (await desk.PostAsJsonAsync($"/households/{householdId}/members", new { })).FieldErrorsAsync());
        await (await desk.PostAsJsonAsync($"/households/{Guid.NewGuid()}/members", new { clientId = child, relationship = "child" }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.DeleteAsync($"/households/{Guid.NewGuid()}/members/{child}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.SendAsync(HttpMethod.Delete, $"/households/{householdId}/members/{child}", null, "\"9\""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await desk.GetAsync($"/households/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        var (client, _) = await desk.GetClientAsync(child);
        Assert.Equal(householdId, client.GetProperty("householdId").GetGuid());
    }

    [Fact]
    public async Task corrections_assignment_and_transfer_refuse_unknown_clients_other_offices_and_stale_versions()
    {
        using var worker = intake.CreateClient().As("caseworker");
        using var otherWorker = intake.CreateClient().As("caseworker", office: "other-office");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient());
        var identity = new { givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12", sex = "female", reason = "Passport" };

        await (await otherWorker.PutAsJsonAsync($"/clients/{clientId}/identity", identity)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await worker.PutAsJsonAsync($"/clients/{Guid.NewGuid()}/identity", identity)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await worker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/identity", identity, "\"7\""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await otherWorker.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities", new { vulnerabilities = Array.Empty<string>(), reason = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherWorker.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w", name = "W" } }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await worker.SendAsync(HttpMethod.Post, $"/clients/{clientId}/assign", new { caseWorker = new { id = "w", name = "W" } }, "\"7\""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await coordinator.PostAsJsonAsync($"/clients/{Guid.NewGuid()}/transfer", new { office = "florence", reason = "Moved" }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await coordinator.SendAsync(HttpMethod.Post, $"/clients/{clientId}/transfer", new { office = "florence", reason = "Moved" }, "\"7\""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities",
            new { vulnerabilities = new[] { "tired" }, reason = "x" })).StatusCode);

        var (client, etag) = await worker.GetClientAsync(clientId);
        Assert.Equal(("\"1\"", TestTokens.Office), (etag, client.GetProperty("office").GetString()));
    }
}
