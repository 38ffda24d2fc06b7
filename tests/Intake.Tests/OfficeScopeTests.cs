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
    public async Task the_duplicate_check_still_finds_a_person_registered_at_another_office()
    {
        using var milanDesk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var bariDesk = intake.CreateClient().As("frontdesk", office: "bari");
        var familyName = IntakeApi.UniqueName();
        var clientId = await milanDesk.RegisterAsync(IntakeApi.NewClient("Yohannes", familyName, "1988-02-02"));

        var check = await (await bariDesk.PostAsJsonAsync("/clients/duplicate-check",
            new { givenName = "Yohannes", familyName, dateOfBirth = "1988-02-02" })).Content.ReadFromJsonAsync<JsonElement>();

        var candidate = Assert.Single(check.GetProperty("candidates").EnumerateArray());
        Assert.Equal(clientId, candidate.GetProperty("clientId").GetGuid());
        Assert.Equal("milan-central", candidate.GetProperty("office").GetString());
    }
}
