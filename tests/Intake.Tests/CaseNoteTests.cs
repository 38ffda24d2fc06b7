using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class CaseNoteTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task case_workers_add_dated_notes_that_list_newest_first_with_the_authors_name()
    {
        using var worker = intake.CreateClient().As("caseworker", subject: "worker-9", name: "Marco Bianchi");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient());

        using var first = await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "Met at the desk; worried about the eviction." });
        using var second = await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "Called the landlord." });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("worker-9", "Marco Bianchi"), (created.GetProperty("by").GetProperty("id").GetString(), created.GetProperty("by").GetProperty("name").GetString()));
        var notes = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/notes");
        Assert.Equal(2, notes.GetProperty("total").GetInt32());
        Assert.Equal(["Called the landlord.", "Met at the desk; worried about the eviction."],
            notes.GetProperty("items").EnumerateArray().Select(note => note.GetProperty("text").GetString()));
        Assert.Equal(created.GetProperty("noteId").GetGuid(), notes.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal("Marco Bianchi", notes.GetProperty("items")[0].GetProperty("by").GetProperty("name").GetString());
        var page2 = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/notes?page=2&pageSize=1");
        Assert.Equal("Met at the desk; worried about the eviction.", Assert.Single(page2.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task a_note_has_text_of_at_most_4000_characters_and_front_desks_and_other_offices_neither_add_nor_read()
    {
        using var worker = intake.CreateClient().As("caseworker");
        using var desk = intake.CreateClient().As("frontdesk");
        using var otherWorker = intake.CreateClient().As("caseworker", office: "other-office");
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient());

        Assert.Equal(["text"], await (await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = new string('x', 4001) })).FieldErrorsAsync());
        Assert.Equal(["text"], await (await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "  " })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = new string('x', 4000) })).StatusCode);
        await (await desk.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "hello" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await desk.GetAsync($"/clients/{clientId}/notes")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await otherWorker.GetAsync($"/clients/{clientId}/notes")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherWorker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "hello" })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await worker.PostAsJsonAsync($"/clients/{Guid.NewGuid()}/notes", new { text = "hello" })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        var notes = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/notes");
        Assert.Equal(1, notes.GetProperty("total").GetInt32());
    }
}
