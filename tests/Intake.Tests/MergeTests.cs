using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Two records of one person become one, and a wrong merge is undone, with nothing lost either way.</summary>
public sealed class MergeTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_merge_gives_the_survivor_the_duplicates_case_and_an_unmerge_gives_it_back_as_the_case_left_it()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var worker = intake.CreateClient().As("caseworker", office: "milan-central");
        var familyName = IntakeApi.UniqueName();
        var survivor = await desk.RegisterAsync(IntakeApi.NewClient("Aisha", familyName, "1993-03-03"));
        var again = IntakeApi.NewClient("Aishah", familyName, "1993-03-03");
        again["duplicateCheckOverride"] = new { reason = "Says she has never been here" };
        var duplicate = await desk.RegisterAsync(again);
        var needId = await CreatedIdAsync(await worker.PostAsJsonAsync($"/clients/{duplicate}/needs",
            new { domain = "housing", priority = "high", description = "Sleeps at a friend's" }), "needId");
        var consentId = await CreatedIdAsync(await worker.PostAsJsonAsync($"/clients/{duplicate}/consents", new
        {
            purpose = "referral", recipientServiceCategory = "housing", dataCategories = new[] { "identity" }, lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow,
        }), "consentId");
        var (_, etag) = await worker.GetClientAsync(survivor);

        using var merged = await worker.SendAsync(HttpMethod.Post, $"/clients/{survivor}/merge", new { duplicateId = duplicate, reason = "Same passport" }, etag);

        Assert.Equal(HttpStatusCode.NoContent, merged.StatusCode);
        var (kept, _) = await worker.GetClientAsync(survivor);
        Assert.Contains("Aishah", kept.GetProperty("otherNames").EnumerateArray().Select(name => name.GetString()));
        Assert.Contains(needId, kept.GetProperty("needs").EnumerateArray().Select(need => need.GetProperty("id").GetGuid()));
        Assert.Contains(consentId, kept.GetProperty("consents").EnumerateArray().Select(consent => consent.GetProperty("id").GetGuid()));
        Assert.Equal(2, kept.GetProperty("legalStatusHistory").GetArrayLength());
        var (gone, _) = await worker.GetClientAsync(duplicate);
        Assert.Equal(("merged", survivor), (gone.GetProperty("status").GetString(), gone.GetProperty("mergedInto").GetGuid()));
        Assert.Equal("active", kept.GetProperty("status").GetString());
        Assert.Equal([survivor], await SearchAsync(worker, $"Aishah {familyName}"));
        Assert.Equal([survivor], await CandidatesAsync(desk, "Aishah", familyName));
        using var changeMerged = await worker.PostAsJsonAsync($"/clients/{duplicate}/needs", new { domain = "legal", priority = "low", description = "Appeal" });
        Assert.Equal(HttpStatusCode.Conflict, changeMerged.StatusCode);
        Assert.Equal("client_merged", await CodeAsync(changeMerged));
        Assert.Empty(await OpenPairsAsync(worker, survivor));

        using var resolved = await worker.PostAsJsonAsync($"/clients/{survivor}/needs/{needId}/resolve", new { outcome = "met", note = "Room found" });
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());
        using var unmerged = await worker.PostAsJsonAsync($"/clients/{survivor}/unmerge", new { duplicateId = duplicate, reason = "Sisters, not one person" });

        Assert.Equal(HttpStatusCode.NoContent, unmerged.StatusCode);
        var (split, _) = await worker.GetClientAsync(survivor);
        Assert.DoesNotContain("Aishah", split.GetProperty("otherNames").EnumerateArray().Select(name => name.GetString()));
        Assert.Empty(split.GetProperty("needs").EnumerateArray());
        Assert.Empty(split.GetProperty("consents").EnumerateArray());
        Assert.Equal(1, split.GetProperty("legalStatusHistory").GetArrayLength());
        var (back, _) = await worker.GetClientAsync(duplicate);
        Assert.Equal("active", back.GetProperty("status").GetString());
        Assert.False(back.TryGetProperty("mergedInto", out _));
        Assert.Equal("resolved", Assert.Single(back.GetProperty("needs").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(consentId, Assert.Single(back.GetProperty("consents").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(new[] { survivor, duplicate }.Order(), (await SearchAsync(worker, $"Aishah {familyName}")).Order());
        Assert.Empty(await OpenPairsAsync(worker, survivor));

        Assert.Superset(new HashSet<string?> { "client.duplicate_merged", "client.duplicate_unmerged" }, await TimelineTypesAsync(worker, survivor));
        Assert.Superset(new HashSet<string?> { "client.merged", "client.unmerged" }, await TimelineTypesAsync(worker, duplicate));

        using var twice = await worker.PostAsJsonAsync($"/clients/{survivor}/unmerge", new { duplicateId = duplicate, reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("not_merged", await CodeAsync(twice));
    }

    [Fact]
    public async Task the_duplicates_plans_notes_timeline_and_household_place_follow_the_survivor_and_go_back_at_unmerge()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var worker = intake.CreateClient().As("caseworker", office: "milan-central");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var familyName = IntakeApi.UniqueName();
        var mother = await desk.RegisterAsync(IntakeApi.NewClient("Saba", familyName, "1975-05-05"));
        var survivor = await desk.RegisterAsync(IntakeApi.NewClient("Mehret", familyName, "2004-04-04"));
        var again = IntakeApi.NewClient("Mhret", familyName, "2004-04-04");
        again["duplicateCheckOverride"] = new { reason = "Spelled differently on the card" };
        var duplicate = await desk.RegisterAsync(again);
        var householdId = await HouseholdTests.FormAsync(desk, (mother, "head"), (duplicate, "child"));
        var planId = await PlanTests.DraftAsync(worker, duplicate, PlanTests.PlanBody(needId: null, organisationId: null));
        using var noted = await worker.PostAsJsonAsync($"/clients/{duplicate}/notes", new { text = "Came with her mother." });
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/clients/{survivor}/merge", new { duplicateId = duplicate, reason = "Same residence permit" })).StatusCode);

        Assert.Equal([planId], await PlanIdsAsync(worker, survivor));
        Assert.Empty(await PlanIdsAsync(worker, duplicate));
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/clients/{survivor}/plans/{planId}")).StatusCode);
        Assert.Equal(["Came with her mother."], await NoteTextsAsync(worker, survivor));
        Assert.Contains("note.added", await TimelineTypesAsync(worker, survivor));
        Assert.Equal([(mother, "head"), (survivor, "child")], await MembersAsync(desk, householdId));
        Assert.Equal(householdId, (await worker.GetClientAsync(survivor)).Client.GetProperty("householdId").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await worker.GetClientAsync(duplicate)).Client.GetProperty("householdId").ValueKind);
        Assert.Contains("MergeClients", await AccessLogEndpointsAsync(coordinator, survivor));
        Assert.Contains("MergeClients", await AccessLogEndpointsAsync(coordinator, duplicate));

        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/clients/{survivor}/unmerge", new { duplicateId = duplicate, reason = "Cousins, not one person" })).StatusCode);

        Assert.Empty(await PlanIdsAsync(worker, survivor));
        Assert.Equal([planId], await PlanIdsAsync(worker, duplicate));
        Assert.Empty(await NoteTextsAsync(worker, survivor));
        Assert.Equal(["Came with her mother."], await NoteTextsAsync(worker, duplicate));
        Assert.DoesNotContain("note.added", await TimelineTypesAsync(worker, survivor));
        Assert.Equal([(mother, "head"), (duplicate, "child")], await MembersAsync(desk, householdId));
        Assert.Equal(JsonValueKind.Null, (await worker.GetClientAsync(survivor)).Client.GetProperty("householdId").ValueKind);
        Assert.Equal(householdId, (await worker.GetClientAsync(duplicate)).Client.GetProperty("householdId").GetGuid());
        Assert.Contains("UnmergeClients", await AccessLogEndpointsAsync(coordinator, survivor));
    }

    [Fact]
    public async Task two_records_in_one_household_become_one_member_and_two_households_refuse_the_merge()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var worker = intake.CreateClient().As("caseworker", office: "milan-central");
        var familyName = IntakeApi.UniqueName();
        var head = await desk.RegisterAsync(IntakeApi.NewClient("Halima", familyName, "1970-07-07"));
        var spouse = await desk.RegisterAsync(IntakeApi.NewClient("Abdirahman", familyName, "1968-06-06"));
        var child = await desk.RegisterAsync(IntakeApi.NewClient("Idil", familyName, "2012-02-02"));
        var shared = await HouseholdTests.FormAsync(desk, (head, "head"), (spouse, "spouse"), (child, "child"));
        var registeredAgain = IntakeApi.NewClient("Halimo", familyName, "1970-07-07");
        registeredAgain["duplicateCheckOverride"] = new { reason = "Registered by a cousin's household" };
        var elsewhere = await desk.RegisterAsync(registeredAgain);
        var cousin = await desk.RegisterAsync(IntakeApi.NewClient("Warsame", IntakeApi.UniqueName(), "1971-01-01"));
        var other = await HouseholdTests.FormAsync(desk, (cousin, "head"), (elsewhere, "other_relative"));

        await RefusedAsync(worker, head, elsewhere, HttpStatusCode.Conflict, "both_in_households");

        Assert.Equal("active", (await worker.GetClientAsync(elsewhere)).Client.GetProperty("status").GetString());
        Assert.Equal([(cousin, "head"), (elsewhere, "other_relative")], await MembersAsync(desk, other));
        Assert.Equal(3, (await MembersAsync(desk, shared)).Count);

        await RefusedAsync(worker, spouse, head, HttpStatusCode.NoContent, null);

        Assert.Equal([(child, "child"), (spouse, "head")], [.. (await MembersAsync(desk, shared)).OrderBy(member => member.Relationship)]);

        await RefusedAsync(worker, spouse, head, HttpStatusCode.NoContent, null, "unmerge");

        Assert.Equal([(child, "child"), (head, "head"), (spouse, "spouse")], [.. (await MembersAsync(desk, shared)).OrderBy(member => member.Relationship)]);
        Assert.Equal(shared, (await worker.GetClientAsync(head)).Client.GetProperty("householdId").GetGuid());
    }

    [Fact]
    public async Task bad_merges_are_refused_with_a_code_and_change_nothing()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var worker = intake.CreateClient().As("caseworker", office: "milan-central");
        using var bariDesk = intake.CreateClient().As("frontdesk", subject: "bari-desk", office: "bari");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var first = await desk.RegisterAsync(IntakeApi.NewClient("Yonas", IntakeApi.UniqueName(), "1990-01-01"));
        var second = await desk.RegisterAsync(IntakeApi.NewClient("Selam", IntakeApi.UniqueName(), "1991-02-02"));
        var third = await desk.RegisterAsync(IntakeApi.NewClient("Meron", IntakeApi.UniqueName(), "1992-03-03"));
        var inBari = await bariDesk.RegisterAsync(IntakeApi.NewClient("Dawit", IntakeApi.UniqueName(), "1993-04-04"));
        var erased = await desk.RegisterAsync(IntakeApi.NewClient("Tigist", IntakeApi.UniqueName(), "1994-05-05"));
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{erased}/erasure", null)).StatusCode);
        var (_, before) = await worker.GetClientAsync(first);

        Assert.Equal(["duplicateId", "reason"], await (await worker.PostAsJsonAsync($"/clients/{first}/merge", new { })).FieldErrorsAsync());
        await RefusedAsync(worker, first, first, HttpStatusCode.UnprocessableEntity, "cannot_merge_self");
        await RefusedAsync(worker, first, erased, HttpStatusCode.UnprocessableEntity, "cannot_merge_erased");
        await RefusedAsync(worker, first, inBari, HttpStatusCode.NotFound, "not_found");
        await RefusedAsync(worker, first, Guid.NewGuid(), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync($"/clients/{first}/merge", new { duplicateId = second, reason = "x" })).StatusCode);
        using var stale = await worker.SendAsync(HttpMethod.Post, $"/clients/{first}/merge", new { duplicateId = second, reason = "Same person" }, "\"99\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var staleDuplicate = await worker.PostAsJsonAsync($"/clients/{first}/merge", new { duplicateId = second, reason = "Same person", duplicateVersion = 99 });
        Assert.Equal(1, (await staleDuplicate.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed")).GetProperty("currentVersion").GetInt32());
        Assert.Equal(["duplicateVersion"],
            await (await worker.PostAsJsonAsync($"/clients/{first}/merge", new { duplicateId = second, reason = "Same person", duplicateVersion = 0 })).FieldErrorsAsync());
        await RefusedAsync(worker, first, second, HttpStatusCode.Conflict, "not_merged", "unmerge");
        Assert.Equal(before, (await worker.GetClientAsync(first)).ETag);
        Assert.Equal("active", (await worker.GetClientAsync(second)).Client.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{first}/merge", new { duplicateId = second, reason = "Same person" })).StatusCode);
        await RefusedAsync(worker, third, second, HttpStatusCode.Conflict, "already_merged");
        using var planOnMerged = await worker.PostAsJsonAsync($"/clients/{second}/plans", PlanTests.PlanBody(needId: null, organisationId: null));
        Assert.Equal("client_merged", (await planOnMerged.ProblemAsync(HttpStatusCode.Conflict, "client_merged")).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{third}/merge", new { duplicateId = first, reason = "Same person" })).StatusCode);
        await RefusedAsync(worker, first, second, HttpStatusCode.Conflict, "client_merged", "unmerge");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{third}/unmerge", new { duplicateId = first, reason = "Two people" })).StatusCode);
        using var staleUnmerge = await worker.SendAsync(HttpMethod.Post, $"/clients/{first}/unmerge", new { duplicateId = second, reason = "Two people" }, "\"99\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleUnmerge.StatusCode);
        Assert.Equal(["duplicateId", "reason"], await (await worker.PostAsJsonAsync($"/clients/{first}/unmerge", new { })).FieldErrorsAsync());
        Assert.Equal("merged", (await worker.GetClientAsync(second)).Client.GetProperty("status").GetString());
        await RefusedAsync(coordinator, first, inBari, HttpStatusCode.NoContent, null);
    }

    [Fact]
    public async Task of_two_concurrent_merges_of_one_duplicate_exactly_one_wins()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        for (var round = 0; round < 5; round++)
        {
            var duplicate = await desk.RegisterAsync(IntakeApi.NewClient("Hodan", IntakeApi.UniqueName(), "1988-08-08"));
            var survivors = new[]
            {
                await desk.RegisterAsync(IntakeApi.NewClient("Ayan", IntakeApi.UniqueName(), "1980-01-01")),
                await desk.RegisterAsync(IntakeApi.NewClient("Ubah", IntakeApi.UniqueName(), "1981-01-01")),
            };

            var answers = await Task.WhenAll(survivors.Select(survivor =>
                coordinator.PostAsJsonAsync($"/clients/{survivor}/merge", new { duplicateId = duplicate, reason = "Same person" })));

            Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.NoContent);
            Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Conflict);
            var mergedInto = (await coordinator.GetClientAsync(duplicate)).Client.GetProperty("mergedInto").GetGuid();
            var winner = survivors[Array.FindIndex(answers, answer => answer.StatusCode == HttpStatusCode.NoContent)];
            Assert.Equal(winner, mergedInto);
            var loser = survivors.Single(survivor => survivor != winner);
            Assert.Empty((await coordinator.GetClientAsync(loser)).Client.GetProperty("otherNames").EnumerateArray());
        }
    }

    private static async Task RefusedAsync(HttpClient http, Guid survivor, Guid duplicate, HttpStatusCode status, string? code, string action = "merge")
    {
        using var response = await http.PostAsJsonAsync($"/clients/{survivor}/{action}", new { duplicateId = duplicate, reason = "Same person" });
        Assert.Equal(status, response.StatusCode);
        if (code is not null)
        {
            Assert.Equal(code, await CodeAsync(response));
        }
    }

    private static async Task<HashSet<string?>> TimelineTypesAsync(HttpClient http, Guid clientId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(entry => entry.GetProperty("type").GetString())];

    private static async Task<List<Guid>> PlanIdsAsync(HttpClient http, Guid clientId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans")).GetProperty("items").EnumerateArray()
            .Select(plan => plan.GetProperty("planId").GetGuid())];

    private static async Task<List<string?>> NoteTextsAsync(HttpClient http, Guid clientId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/notes")).GetProperty("items").EnumerateArray()
            .Select(note => note.GetProperty("text").GetString())];

    private static async Task<List<(Guid ClientId, string? Relationship)>> MembersAsync(HttpClient http, Guid householdId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/households/{householdId}")).GetProperty("members").EnumerateArray()
            .Select(member => (member.GetProperty("clientId").GetGuid(), member.GetProperty("relationship").GetString()))];

    private static async Task<List<string?>> AccessLogEndpointsAsync(HttpClient coordinator, Guid clientId) =>
        [.. (await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/access-log?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(entry => entry.GetProperty("endpoint").GetString())];

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response, string property)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(property).GetGuid();
        }
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient http, string name)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString(name)}");
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid())];
    }

    private static async Task<List<Guid>> CandidatesAsync(HttpClient desk, string givenName, string familyName)
    {
        using var check = await desk.PostAsJsonAsync("/clients/duplicate-check", new { givenName, familyName, dateOfBirth = "1993-03-03" });
        var found = await check.Content.ReadFromJsonAsync<JsonElement>();
        return [.. found.GetProperty("candidates").EnumerateArray().Select(candidate => candidate.GetProperty("clientId").GetGuid())];
    }

    private static async Task<List<JsonElement>> OpenPairsAsync(HttpClient http, Guid clientId)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/duplicates?pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(pair => pair.GetProperty("clientIds").EnumerateArray().Any(id => id.GetGuid() == clientId))];
    }
}
