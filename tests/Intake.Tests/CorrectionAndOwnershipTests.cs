using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Corrections of identity and vulnerabilities with a reason, the responsible case worker, and transfers between offices.</summary>
public sealed class CorrectionAndOwnershipTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_corrected_identity_is_what_search_and_the_duplicate_check_find_and_the_timeline_shows_why()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        var wrongName = IntakeApi.UniqueName();
        var rightName = IntakeApi.UniqueName();
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient("Yevhen", wrongName, "1979-02-03"));
        var (_, etag) = await desk.GetClientAsync(clientId);

        using var corrected = await desk.SendAsync(HttpMethod.Put, $"/clients/{clientId}/identity", new
        {
            givenName = "Yevhen",
            familyName = rightName,
            otherNames = new[] { "Jewgeni" },
            dateOfBirth = "1979-03-02",
            dateOfBirthIsApproximate = false,
            sex = "male",
            nationalities = new[] { "ua" },
            reason = "Passport shows the spelling and date",
        }, etag);

        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);
        var (client, _) = await desk.GetClientAsync(clientId);
        Assert.Equal((rightName, "1979-03-02", "male"), (client.GetProperty("familyName").GetString(), client.GetProperty("dateOfBirth").GetString(), client.GetProperty("sex").GetString()));
        Assert.Equal(["UA"], client.GetProperty("nationalities").EnumerateArray().Select(code => code.GetString()));
        var found = await desk.GetFromJsonAsync<JsonElement>($"/clients?q={rightName}");
        Assert.Equal(clientId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Equal(0, (await desk.GetFromJsonAsync<JsonElement>($"/clients?q={wrongName}")).GetProperty("total").GetInt32());
        var check = await (await desk.PostAsJsonAsync("/clients/duplicate-check", new { givenName = "Yevhen", familyName = rightName, dateOfBirth = "1979-03-02" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(check.GetProperty("candidates").EnumerateArray(), candidate => candidate.GetProperty("clientId").GetGuid() == clientId);
        var entry = (await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline")).GetProperty("items")[0];
        Assert.Equal("client.identity_corrected", entry.GetProperty("type").GetString());
        Assert.Equal("Passport shows the spelling and date", entry.GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task corrections_need_a_reason_and_valid_fields_and_change_nothing_otherwise()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        using var identity = await desk.PutAsJsonAsync($"/clients/{clientId}/identity",
            new { givenName = "", familyName = "X", dateOfBirth = "2999-01-01", nationalities = new[] { "XX" } });
        using var vulnerabilities = await worker.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities", new { vulnerabilities = new[] { "pregnant", "pregnant" } });
        using var deskVulnerabilities = await desk.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities", new { vulnerabilities = new[] { "pregnant" }, reason = "Told us" });

        Assert.Equal(["dateOfBirth", "givenName", "nationalities[0]", "reason", "sex"], await identity.FieldErrorsAsync());
        Assert.Equal(["reason", "vulnerabilities"], await vulnerabilities.FieldErrorsAsync());
        await deskVulnerabilities.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PutAsJsonAsync($"/clients/{clientId}/vulnerabilities",
            new { vulnerabilities = new[] { "pregnant", "torture_survivor" }, reason = "Disclosed at the second meeting" })).StatusCode);
        var (client, etag) = await desk.GetClientAsync(clientId);
        Assert.Equal(["pregnant", "torture_survivor"], client.GetProperty("vulnerabilities").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("\"2\"", etag);
    }

    [Fact]
    public async Task a_case_is_assigned_and_handed_over_only_with_a_reason()
    {
        using var worker = intake.CreateClient().As("caseworker");
        using var coordinator = intake.CreateClient().As("coordinator");
        using var desk = intake.CreateClient().As("frontdesk");
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient());

        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w-1", name = "Anna Ferri" } })).StatusCode);
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w-2", name = "Paolo Neri" } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "reason_required");
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w-1", name = "Anna Ferri" }, reason = "again" }))
            .ProblemAsync(HttpStatusCode.Conflict, "already_assigned");
        Assert.Equal(["caseWorker.name"], await (await worker.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w-2" } })).FieldErrorsAsync());
        await (await desk.PostAsJsonAsync($"/clients/{clientId}/assign", new { caseWorker = new { id = "w-2", name = "Paolo Neri" } }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/clients/{clientId}/assign",
            new { caseWorker = new { id = "w-2", name = "Paolo Neri" }, reason = "Anna left the team" })).StatusCode);

        var (client, _) = await worker.GetClientAsync(clientId);
        Assert.Equal("Paolo Neri", client.GetProperty("caseWorker").GetProperty("name").GetString());
        var entry = (await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline")).GetProperty("items")[0];
        Assert.Equal(("case.assigned", "Anna left the team"), (entry.GetProperty("type").GetString(), entry.GetProperty("details").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task a_coordinator_transfers_a_family_to_another_office_which_then_alone_works_with_it()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        const string target = "florence";
        using var targetDesk = intake.CreateClient().As("frontdesk", office: target);
        using var targetWorker = intake.CreateClient().As("caseworker", office: target);
        var mother = await desk.RegisterAsync(IntakeApi.NewClient());
        var son = await desk.RegisterAsync(IntakeApi.NewClient("Ali", dateOfBirth: HouseholdTests.YearsAgo(6)));
        var householdId = await HouseholdTests.FormAsync(desk, (mother, "head"), (son, "child"));

        Assert.Equal(["reason"], await (await coordinator.PostAsJsonAsync($"/clients/{mother}/transfer", new { office = target })).FieldErrorsAsync());
        Assert.Equal(["office"], await (await coordinator.PostAsJsonAsync($"/clients/{mother}/transfer", new { office = "florence-x", reason = "Moved" })).FieldErrorsAsync());
        await (await desk.PostAsJsonAsync($"/clients/{mother}/transfer", new { office = target, reason = "Moved" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var transferred = await coordinator.PostAsJsonAsync($"/clients/{mother}/transfer", new { office = target, reason = "Moved to a flat in the other district" });

        Assert.Equal(HttpStatusCode.NoContent, transferred.StatusCode);
        await (await coordinator.PostAsJsonAsync($"/clients/{mother}/transfer", new { office = target, reason = "x" })).ProblemAsync(HttpStatusCode.Conflict, "same_office");
        await (await desk.GetAsync($"/clients/{mother}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.GetAsync($"/clients/{son}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.GetAsync($"/households/{householdId}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        var (client, _) = await targetDesk.GetClientAsync(son);
        Assert.Equal(target, client.GetProperty("office").GetString());
        Assert.Equal(HttpStatusCode.OK, (await targetDesk.GetAsync($"/households/{householdId}")).StatusCode);
        var found = await targetDesk.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString((await targetDesk.GetClientAsync(mother)).Client.GetProperty("familyName").GetString()!)}");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), item => item.GetProperty("clientId").GetGuid() == mother);
        var entry = (await targetWorker.GetFromJsonAsync<JsonElement>($"/clients/{son}/timeline")).GetProperty("items")[0];
        Assert.Equal(("case.transferred", TestTokens.Office, target), (entry.GetProperty("type").GetString(),
            entry.GetProperty("details").GetProperty("from_office").GetString(), entry.GetProperty("details").GetProperty("to_office").GetString()));
    }
}
