using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Intake.Duplicates.Sweeping;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Intake.Tests;

/// <summary>Pairs that may be one person reach a queue, from a registration made despite candidates or from the sweep, until someone decides.</summary>
public sealed class DuplicatesQueueTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_registration_made_despite_a_candidate_puts_the_pair_in_the_queue_of_its_office_and_of_coordinators()
    {
        using var desk = intake.CreateClient().As("frontdesk", subject: "queue-desk", office: "milan-central");
        using var milanWorker = intake.CreateClient().As("caseworker", subject: "queue-milan", office: "milan-central");
        using var bariWorker = intake.CreateClient().As("caseworker", subject: "queue-bari", office: "bari");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var familyName = IntakeApi.UniqueName();
        var first = await desk.RegisterAsync(IntakeApi.NewClient("Aisha", familyName, "1993-03-03"));
        var again = IntakeApi.NewClient("Aishah", familyName, "1993-03-03");
        again["duplicateCheckOverride"] = new { reason = "Says she has never been here" };
        var second = await desk.RegisterAsync(again);

        var pair = Assert.Single(await OpenPairsAsync(milanWorker, first));
        Assert.Equal([first, second], pair.GetProperty("clientIds").EnumerateArray().Select(id => id.GetGuid()));
        Assert.Equal("registration_override", pair.GetProperty("source").GetString());
        Assert.True(pair.GetProperty("score").GetDouble() >= 0.8);
        Assert.Contains("name_variant", pair.GetProperty("matchedOn").EnumerateArray().Select(reason => reason.GetString()));
        Assert.True(pair.TryGetProperty("flaggedAt", out _));
        Assert.Single(await OpenPairsAsync(coordinator, first));
        Assert.Single(await OpenPairsAsync(coordinator, first, "?office=milan-central&pageSize=200"));
        Assert.Empty(await OpenPairsAsync(coordinator, first, "?office=bari&pageSize=200"));
        Assert.Empty(await OpenPairsAsync(bariWorker, first));
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/duplicates")).StatusCode);
    }

    [Fact]
    public async Task a_pair_decided_not_the_same_leaves_the_queue_and_never_comes_back()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "milan-central");
        using var worker = intake.CreateClient().As("caseworker", office: "milan-central");
        var familyName = IntakeApi.UniqueName();
        var first = await desk.RegisterAsync(IntakeApi.NewClient("Jamal", familyName, "1990-02-02"));
        var again = IntakeApi.NewClient("Jamaal", familyName, "1990-02-02");
        again["duplicateCheckOverride"] = new { reason = "Twin brother, checked the permit" };
        await desk.RegisterAsync(again);
        var pairId = Assert.Single(await OpenPairsAsync(worker, first)).GetProperty("pairId").GetGuid();

        using var withoutReason = await worker.PostAsJsonAsync($"/duplicates/{pairId}/not-the-same", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Single(await OpenPairsAsync(worker, first));
        using var unknown = await worker.PostAsJsonAsync($"/duplicates/{Guid.NewGuid()}/not-the-same", new { reason = "Twins" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var otherOffice = await intake.CreateClient().As("caseworker", subject: "bari-worker", office: "bari")
            .PostAsJsonAsync($"/duplicates/{pairId}/not-the-same", new { reason = "Twins" });
        Assert.Equal(HttpStatusCode.NotFound, otherOffice.StatusCode);

        using var dismissed = await worker.PostAsJsonAsync($"/duplicates/{pairId}/not-the-same", new { reason = "Twins: two permits seen" });
        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.Empty(await OpenPairsAsync(worker, first));
        using var twice = await worker.PostAsJsonAsync($"/duplicates/{pairId}/not-the-same", new { reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("already_decided", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await intake.Services.GetRequiredService<DuplicateSweep>().SweepAsync(CancellationToken.None);
        Assert.Empty(await OpenPairsAsync(worker, first));
    }

    [Fact]
    public async Task the_sweep_flags_records_that_became_alike_after_registration_once()
    {
        using var desk = intake.CreateClient().As("frontdesk", office: "florence");
        using var coordinator = intake.CreateClient().As("coordinator", office: null);
        var familyName = IntakeApi.UniqueName();
        var first = await desk.RegisterAsync(IntakeApi.NewClient("Tesfaye", familyName, "1981-06-30"));
        var second = await desk.RegisterAsync(IntakeApi.NewClient("Tigist", IntakeApi.UniqueName(), "1999-01-12"));
        var (_, etag) = await desk.GetClientAsync(second);
        using var corrected = await desk.SendAsync(HttpMethod.Put, $"/clients/{second}/identity", new
        {
            givenName = "Tesfay", familyName, dateOfBirth = "1981-06-30", sex = "female", nationalities = new[] { "NG" }, reason = "Passport seen",
        }, ifMatch: etag);
        Assert.True(corrected.IsSuccessStatusCode, await corrected.Content.ReadAsStringAsync());
        Assert.Empty(await OpenPairsAsync(coordinator, first));

        var sweep = intake.Services.GetRequiredService<DuplicateSweep>();
        await sweep.SweepAsync(CancellationToken.None);
        await sweep.SweepAsync(CancellationToken.None);

        var pair = Assert.Single(await OpenPairsAsync(coordinator, first));
        Assert.Equal("sweep", pair.GetProperty("source").GetString());
        Assert.Equal(new[] { first, second }.Order(), pair.GetProperty("clientIds").EnumerateArray().Select(id => id.GetGuid()).Order());
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?pageSize=201")]
    public async Task bad_paging_is_a_field_error(string query)
    {
        using var coordinator = intake.CreateClient().As("coordinator", office: null);

        using var response = await coordinator.GetAsync($"/duplicates{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<List<JsonElement>> OpenPairsAsync(HttpClient http, Guid clientId, string query = "?pageSize=200")
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/duplicates{query}");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(pair => pair.GetProperty("clientIds").EnumerateArray().Any(id => id.GetGuid() == clientId))];
    }
}
