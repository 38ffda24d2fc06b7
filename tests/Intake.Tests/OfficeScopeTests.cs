using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class OfficeScopeTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task staff_of_another_office_neither_see_nor_change_a_client_but_coordinators_do()
    {
        using var milanDesk = intake.CreateClient().As("frontdesk", subject: "milan-desk", office: "milan-central");
        using var bariDesk = intake.CreateClient().As("frontdesk", subject: "bari-desk", office: "bari");
        using var bariWorker = intake.CreateClient().As("caseworker", subject: "bari-worker", office: "bari");
        using var milanWorker = intake.CreateClient().As("caseworker", subject: "milan-worker", office: "milan-central");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var familyName = IntakeApi.UniqueName();
        var clientId = await milanDesk.RegisterAsync(IntakeApi.NewClient("Meron", familyName, "1996-08-08"));
        var (_, etag) = await milanDesk.GetClientAsync(clientId);

        Assert.Equal(HttpStatusCode.NotFound, (await bariDesk.GetAsync($"/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bariWorker.GetAsync($"/clients/{clientId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bariWorker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact",
            new { phone = "+39 080 1234567", address = new { municipality = "Bari" } }, ifMatch: "\"99\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bariWorker.PostAsJsonAsync($"/clients/{clientId}/needs",
            new { domain = "housing", priority = "high", description = "Room" })).StatusCode);
        var bariSearch = await bariDesk.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString($"Meron {familyName}")}");
        Assert.Equal(0, bariSearch.GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await milanWorker.GetAsync($"/clients/{clientId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/clients/{clientId}")).StatusCode);
        var coordinatorSearch = await coordinator.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString($"Meron {familyName}")}");
        Assert.Equal(clientId, Assert.Single(coordinatorSearch.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Equal(etag, (await milanDesk.GetClientAsync(clientId)).ETag);
    }

    [Fact]
    public async Task a_search_that_finds_nobody_at_the_callers_office_says_masked_when_the_same_name_is_registered_at_another()
    {
        using var bariDesk = intake.CreateClient().As("frontdesk", subject: "bari-desk", office: "bari");
        using var milanDesk = intake.CreateClient().As("frontdesk", subject: "milan-desk", office: "milan-central");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var familyName = IntakeApi.UniqueName();
        var clientId = await bariDesk.RegisterAsync(IntakeApi.NewClient("Tesfalem", familyName, "1991-11-21"));

        var fromMilan = await SearchAsync(milanDesk, $"tesfalem {familyName.ToUpperInvariant()}");

        Assert.Empty(fromMilan.GetProperty("items").EnumerateArray());
        var match = Assert.Single(fromMilan.GetProperty("elsewhere").EnumerateArray());
        Assert.Equal(("bari", 1991, $"T.{char.ToUpperInvariant(familyName[0])}."),
            (match.GetProperty("office").GetString(), match.GetProperty("birthYear").GetInt32(), match.GetProperty("initials").GetString()));
        Assert.Contains("name", match.GetProperty("matchedOn").EnumerateArray().Select(reason => reason.GetString()));
        Assert.Equal(["birthYear", "initials", "matchedOn", "office"], match.EnumerateObject().Select(property => property.Name).Order());
        Assert.DoesNotContain(clientId.ToString(), fromMilan.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(familyName, fromMilan.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await SearchAsync(milanDesk, $"Yohannes {familyName}")).GetProperty("elsewhere").EnumerateArray());
        // A guessed date of birth neither narrows nor confirms the match elsewhere: only the birth year shows, date given or not.
        Assert.Single((await SearchAsync(milanDesk, $"Tesfalem {familyName}", "&dateOfBirth=1991-01-02")).GetProperty("elsewhere").EnumerateArray());
        Assert.Empty((await SearchAsync(milanDesk, familyName)).GetProperty("elsewhere").EnumerateArray());
        var milanNamesake = await milanDesk.RegisterAsync(IntakeApi.NewClient("Tesfalem", familyName, "1979-03-09"));
        var withNamesake = await SearchAsync(milanDesk, $"Tesfalem {familyName}");
        Assert.Equal(milanNamesake, Assert.Single(withNamesake.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Empty(withNamesake.GetProperty("elsewhere").EnumerateArray());
        var inBari = await SearchAsync(bariDesk, $"Tesfalem {familyName}");
        Assert.Equal(clientId, Assert.Single(inBari.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Empty(inBari.GetProperty("elsewhere").EnumerateArray());
        Assert.Empty((await SearchAsync(coordinator, $"Tesfalem {familyName}")).GetProperty("elsewhere").EnumerateArray());
        var log = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/access-log?pageSize=200");
        Assert.Contains(log.GetProperty("items").EnumerateArray(),
            entry => entry.GetProperty("endpoint").GetString() == "SearchClients" && entry.GetProperty("by").GetString() == "milan-desk");
    }

    private static Task<JsonElement> SearchAsync(HttpClient http, string q, string more = "") =>
        http.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString(q)}{more}");

    /// <summary>Who registers (coordinators do not), and whether the candidate is of their office.</summary>
    public static TheoryData<string, string, bool> Viewers => new()
    {
        { "frontdesk", "bari", false },
        { "caseworker", "bari", false },
        { "frontdesk", "milan-central", true },
        { "caseworker", "milan-central", true },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task a_candidate_of_another_office_shows_only_enough_to_call_that_office(string role, string office, bool inFull)
    {
        using var milanDesk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var viewer = intake.CreateClient().As(role, subject: $"{role}-{office}", office: office);
        var familyName = IntakeApi.UniqueName();
        var clientId = await milanDesk.RegisterAsync(IntakeApi.NewClient("Yohannes", familyName, "1988-02-02"));

        using var checkResponse = await viewer.PostAsJsonAsync("/clients/duplicate-check", new { givenName = "Yohannes", familyName, dateOfBirth = "1988-02-02" });
        var check = await checkResponse.Content.ReadFromJsonAsync<JsonElement>();
        using var refused = await viewer.PostAsJsonAsync("/clients", IntakeApi.NewClient("Yohannes", familyName, "1988-02-02"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>();

        foreach (var candidate in new[] { check.GetProperty("candidates"), refusal.GetProperty("candidates") }.Select(list => Assert.Single(list.EnumerateArray())))
        {
            Assert.Equal("milan-central", candidate.GetProperty("office").GetString());
            Assert.Equal(1988, candidate.GetProperty("birthYear").GetInt32());
            Assert.Equal($"Y.{char.ToUpperInvariant(familyName[0])}.", candidate.GetProperty("initials").GetString());
            Assert.True(candidate.GetProperty("score").GetDouble() >= 0.8);
            Assert.Contains("date_of_birth", candidate.GetProperty("matchedOn").EnumerateArray().Select(reason => reason.GetString()));
            var shown = candidate.EnumerateObject().Select(property => property.Name).ToHashSet();
            if (inFull)
            {
                Assert.Equal(clientId, candidate.GetProperty("clientId").GetGuid());
                Assert.Equal(familyName, candidate.GetProperty("familyName").GetString());
                Assert.Equal("1988-02-02", candidate.GetProperty("dateOfBirth").GetString());
            }
            else
            {
                Assert.Equal(["birthYear", "initials", "matchedOn", "office", "score"], shown.Order(StringComparer.Ordinal));
                Assert.DoesNotContain(familyName, candidate.GetRawText(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(clientId.ToString(), candidate.GetRawText(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task a_registration_may_name_the_callers_own_office()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var client = IntakeApi.NewClient();
        client["office"] = $" {TestTokens.Office} ";

        var clientId = await http.RegisterAsync(client);

        Assert.Equal(TestTokens.Office, (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}")).GetProperty("office").GetString());
    }
}
