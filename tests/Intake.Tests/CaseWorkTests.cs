using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Needs, the case lifecycle and the history that records them.</summary>
public sealed class CaseWorkTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_need_is_added_reprioritised_and_resolved_with_its_own_id()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var added = await http.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "housing", priority = "high", description = "Family of four in a shelter" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var needId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid();
        using var reprioritised = await http.PostAsJsonAsync($"/clients/{clientId}/needs/{needId}/reprioritise", new { priority = "urgent" });
        using var resolved = await http.PostAsJsonAsync($"/clients/{clientId}/needs/{needId}/resolve", new { outcome = "met", note = "Housed by the city" });

        Assert.Equal(HttpStatusCode.NoContent, reprioritised.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resolved.StatusCode);
        var (client, etag) = await http.GetClientAsync(clientId);
        var need = Assert.Single(client.GetProperty("needs").EnumerateArray());
        Assert.Equal(needId, need.GetProperty("id").GetGuid());
        Assert.Equal(("urgent", "resolved", "met"), (need.GetProperty("priority").GetString(), need.GetProperty("status").GetString(), need.GetProperty("outcome").GetString()));
        Assert.Equal("\"4\"", etag);
    }

    [Fact]
    public async Task a_resolved_need_cannot_be_resolved_again_and_an_unknown_need_is_404()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        using var added = await http.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "legal", priority = "medium", description = "Asylum appeal" });
        var needId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid();
        using var first = await http.PostAsJsonAsync($"/clients/{clientId}/needs/{needId}/resolve", new { outcome = "referred_elsewhere" });

        using var again = await http.PostAsJsonAsync($"/clients/{clientId}/needs/{needId}/resolve", new { outcome = "met" });
        using var unknown = await http.PostAsJsonAsync($"/clients/{clientId}/needs/{Guid.NewGuid()}/resolve", new { outcome = "met" });

        await again.ProblemAsync(HttpStatusCode.Conflict, "need_resolved");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_need_needs_a_domain_a_priority_and_a_description()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/needs", new { description = " " });

        Assert.Equal(["description", "domain", "priority"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task a_case_closes_with_an_outcome_refuses_new_needs_and_reopens_with_a_reason()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var closed = await http.PostAsJsonAsync($"/clients/{clientId}/close", new { outcome = "employed", note = "Permanent contract" });
        using var closedAgain = await http.PostAsJsonAsync($"/clients/{clientId}/close", new { outcome = "employed" });
        using var needWhileClosed = await http.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "mental_health", priority = "high", description = "Anxiety" });
        using var reopened = await http.PostAsJsonAsync($"/clients/{clientId}/reopen", new { reason = "Mental health need surfaced" });
        using var reopenedAgain = await http.PostAsJsonAsync($"/clients/{clientId}/reopen", new { reason = "again" });

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await closedAgain.ProblemAsync(HttpStatusCode.Conflict, "case_closed");
        await needWhileClosed.ProblemAsync(HttpStatusCode.Conflict, "case_closed");
        Assert.Equal(HttpStatusCode.NoContent, reopened.StatusCode);
        await reopenedAgain.ProblemAsync(HttpStatusCode.Conflict, "case_open");
        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Equal("open", client.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("Mental health need surfaced", client.GetProperty("case").GetProperty("reopenReason").GetString());
    }

    [Fact]
    public async Task closing_needs_an_outcome_and_reopening_a_reason()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var close = await http.PostAsJsonAsync($"/clients/{clientId}/close", new { note = "done" });
        using var reopen = await http.PostAsJsonAsync($"/clients/{clientId}/reopen", new { });

        Assert.Equal(["outcome"], await close.FieldErrorsAsync());
        Assert.Equal(["reason"], await reopen.FieldErrorsAsync());
    }

    [Fact]
    public async Task the_history_lists_every_change_with_who_when_and_what()
    {
        using var desk = intake.CreateClient().As("frontdesk", subject: "desk-7");
        using var worker = intake.CreateClient().As("caseworker", subject: "worker-3");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        using var need = await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "employment", priority = "low", description = "CV" });
        using var close = await worker.PostAsJsonAsync($"/clients/{clientId}/close", new { outcome = "employed" });

        var history = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/history");

        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, history.GetProperty("total").GetInt64());
        Assert.Equal(["client_registered", "need_added", "case_closed"], entries.Select(entry => entry.GetProperty("type").GetString()));
        Assert.Equal(["desk-7", "worker-3", "worker-3"], entries.Select(entry => entry.GetProperty("by").GetString()));
        Assert.Contains("employment", entries[1].GetProperty("summary").GetString(), StringComparison.Ordinal);
        var needDetails = entries[1].GetProperty("details");
        Assert.Equal("employment", needDetails.GetProperty("domain").GetString());
        Assert.Equal("low", needDetails.GetProperty("priority").GetString());
        Assert.True(Guid.TryParse(needDetails.GetProperty("need_id").GetString(), out _));
        Assert.Equal("employed", entries[2].GetProperty("details").GetProperty("outcome").GetString());
        Assert.False(entries[2].GetProperty("details").TryGetProperty("note", out _), "absent facts are left out, not null");
        Assert.All(entries, entry => Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task front_desks_cannot_read_the_history_and_unknown_clients_have_none()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        using var forbidden = await desk.GetAsync($"/clients/{clientId}/history");
        using var unknown = await coordinator.GetAsync($"/clients/{Guid.NewGuid()}/history");

        await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
