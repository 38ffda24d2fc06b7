using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Households: forming one, its view, membership rules, office scoping.</summary>
public sealed class HouseholdTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_family_of_three_is_formed_and_viewed_with_ages_vulnerabilities_and_open_needs()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var worker = intake.CreateClient().As("caseworker");
        var family = IntakeApi.UniqueName();
        var mother = await desk.RegisterAsync(IntakeApi.NewClient("Amina", family, "1988-03-01"));
        var father = await desk.RegisterAsync(IntakeApi.NewClient("Musa", family, "1985-07-20"));
        var child = await desk.RegisterAsync(IntakeApi.NewClient("Zainab", family, YearsAgo(9)));
        using var need = await worker.PostAsJsonAsync($"/clients/{child}/needs", new { domain = "education", priority = "high", description = "School place" });
        Assert.Equal(HttpStatusCode.Created, need.StatusCode);

        using var formed = await desk.PostAsJsonAsync("/households", new
        {
            members = new object[]
            {
                new { clientId = mother, relationship = "head" },
                new { clientId = father, relationship = "spouse" },
                new { clientId = child, relationship = "child" },
            },
        });

        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var householdId = (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("householdId").GetGuid();
        Assert.Equal($"/households/{householdId}", formed.Headers.Location?.OriginalString);
        using var read = await desk.GetAsync($"/households/{householdId}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var household = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestTokens.Office, household.GetProperty("office").GetString());
        var members = household.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["head", "spouse", "child"], members.Select(member => member.GetProperty("relationship").GetString()));
        Assert.Equal($"Zainab {family}", members[2].GetProperty("displayName").GetString());
        Assert.Equal(9, members[2].GetProperty("age").GetInt32());
        Assert.Equal(1, members[2].GetProperty("openNeeds").GetInt32());
        Assert.Equal(["single_parent"], members[0].GetProperty("vulnerabilities").EnumerateArray().Select(value => value.GetString()));
        Assert.Empty(household.GetProperty("flags").EnumerateArray());
        var (client, _) = await desk.GetClientAsync(child);
        Assert.Equal(householdId, client.GetProperty("householdId").GetGuid());
    }

    [Fact]
    public async Task a_child_without_an_adult_carer_is_flagged_and_so_is_a_member_turning_eighteen_soon()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var family = IntakeApi.UniqueName();
        var olderSister = await desk.RegisterAsync(IntakeApi.NewClient("Sara", family, YearsAgo(18, plusDays: 30)));
        var brother = await desk.RegisterAsync(IntakeApi.NewClient("Yonas", family, YearsAgo(12)));

        var householdId = await FormAsync(desk, (olderSister, "head"), (brother, "sibling"));

        var household = await desk.GetFromJsonAsync<JsonElement>($"/households/{householdId}");
        Assert.Equal(["minor_without_guardian", "ageing_out"], household.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()));
        var sister = household.GetProperty("members").EnumerateArray().Single(member => member.GetProperty("clientId").GetGuid() == olderSister);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), sister.GetProperty("turnsEighteenOn").ToDate());
    }

    [Fact]
    public async Task a_client_belongs_to_one_household_at_most()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var first = await desk.RegisterAsync(IntakeApi.NewClient());
        var second = await desk.RegisterAsync(IntakeApi.NewClient());
        var householdId = await FormAsync(desk, (first, "head"));

        using var again = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = second, relationship = "head" }, new { clientId = first, relationship = "spouse" } } });
        using var added = await desk.PostAsJsonAsync($"/households/{householdId}/members", new { clientId = first, relationship = "child" });

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict, "already_in_household");
        Assert.Equal(first, problem.GetProperty("clientId").GetGuid());
        await added.ProblemAsync(HttpStatusCode.Conflict, "already_in_household");
        var (client, _) = await desk.GetClientAsync(second);
        Assert.Equal(JsonValueKind.Null, client.GetProperty("householdId").ValueKind);
    }

    [Fact]
    public async Task a_household_needs_exactly_one_head_known_members_and_relationships_from_the_vocabulary()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var first = await desk.RegisterAsync(IntakeApi.NewClient());
        var second = await desk.RegisterAsync(IntakeApi.NewClient());

        using var noHead = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = first, relationship = "spouse" } } });
        using var twoHeads = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = first, relationship = "head" }, new { clientId = second, relationship = "head" } } });
        using var empty = await desk.PostAsJsonAsync("/households", new { members = Array.Empty<object>() });
        using var cousin = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = first, relationship = "cousin" } } });
        using var unknown = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = Guid.NewGuid(), relationship = "head" } } });
        using var twice = await desk.PostAsJsonAsync("/households", new { members = new[] { new { clientId = first, relationship = "head" }, new { clientId = first, relationship = "child" } } });

        Assert.Equal(["members"], await noHead.FieldErrorsAsync());
        Assert.Equal(["members"], await twoHeads.FieldErrorsAsync());
        Assert.Equal(["members"], await empty.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, cousin.StatusCode);
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Contains("members", await twice.FieldErrorsAsync());
        foreach (var clientId in new[] { first, second })
        {
            var (client, etag) = await desk.GetClientAsync(clientId);
            Assert.Equal(JsonValueKind.Null, client.GetProperty("householdId").ValueKind);
            Assert.Equal("\"1\"", etag);
        }
    }

    [Fact]
    public async Task members_join_and_leave_and_the_head_leaves_last()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var head = await desk.RegisterAsync(IntakeApi.NewClient());
        var baby = await desk.RegisterAsync(IntakeApi.NewClient("Baby", dateOfBirth: Today));
        var householdId = await FormAsync(desk, (head, "head"));

        using var secondHead = await desk.PostAsJsonAsync($"/households/{householdId}/members", new { clientId = baby, relationship = "head" });
        await secondHead.ProblemAsync(HttpStatusCode.Conflict, "household_has_head");
        using var stale = await desk.SendAsync(HttpMethod.Post, $"/households/{householdId}/members", new { clientId = baby, relationship = "child" }, "\"7\"");
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        using var joined = await desk.SendAsync(HttpMethod.Post, $"/households/{householdId}/members", new { clientId = baby, relationship = "child" }, "\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, joined.StatusCode);
        Assert.Equal("\"2\"", joined.Headers.ETag?.Tag);

        using var headLeaves = await desk.DeleteAsync($"/households/{householdId}/members/{head}");
        await headLeaves.ProblemAsync(HttpStatusCode.Conflict, "head_cannot_leave");
        using var babyLeaves = await desk.DeleteAsync($"/households/{householdId}/members/{baby}");
        Assert.Equal(HttpStatusCode.NoContent, babyLeaves.StatusCode);
        using var notMember = await desk.DeleteAsync($"/households/{householdId}/members/{baby}");
        await notMember.ProblemAsync(HttpStatusCode.NotFound, "not_found");

        var household = await desk.GetFromJsonAsync<JsonElement>($"/households/{householdId}");
        Assert.Equal([head], household.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("clientId").GetGuid()));
        var (client, _) = await desk.GetClientAsync(baby);
        Assert.Equal(JsonValueKind.Null, client.GetProperty("householdId").ValueKind);
    }

    [Fact]
    public async Task another_office_cannot_see_or_change_a_household_or_add_its_own_clients_to_it()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var otherDesk = intake.CreateClient().As("frontdesk", office: "other-office");
        using var coordinator = intake.CreateClient().As("coordinator");
        var head = await desk.RegisterAsync(IntakeApi.NewClient());
        var elsewhere = await otherDesk.RegisterAsync(IntakeApi.NewClient());
        var householdId = await FormAsync(desk, (head, "head"));

        await (await otherDesk.GetAsync($"/households/{householdId}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherDesk.PostAsJsonAsync($"/households/{householdId}/members", new { clientId = elsewhere, relationship = "spouse" }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherDesk.DeleteAsync($"/households/{householdId}/members/{head}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await desk.PostAsJsonAsync($"/households/{householdId}/members", new { clientId = elsewhere, relationship = "spouse" }))
            .ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await coordinator.PostAsJsonAsync($"/households/{householdId}/members", new { clientId = elsewhere, relationship = "spouse" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var otherOffice = await desk.PostAsJsonAsync("/households", new { office = "other-office", members = new[] { new { clientId = head, relationship = "head" } } });
        Assert.Equal(["office"], await otherOffice.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/households/{householdId}")).StatusCode);
    }

    internal static async Task<Guid> FormAsync(HttpClient http, params (Guid ClientId, string Relationship)[] members)
    {
        using var formed = await http.PostAsJsonAsync("/households",
            new { members = members.Select(member => new { clientId = member.ClientId, relationship = member.Relationship }) });
        Assert.True(formed.StatusCode == HttpStatusCode.Created, await formed.Content.ReadAsStringAsync());
        return (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("householdId").GetGuid();
    }

    internal static string YearsAgo(int years, int plusDays = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-years).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
