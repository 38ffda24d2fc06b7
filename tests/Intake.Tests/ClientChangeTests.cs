using System.Net;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class ClientChangeTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_contact_change_with_the_current_etag_is_stored_and_bumps_the_version()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact",
            new { phone = "+39 02 1234567", email = (string?)null, address = new { municipality = "Sesto San Giovanni" } }, "\"1\"");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var (client, etag) = await http.GetClientAsync(clientId);
        Assert.Equal("\"2\"", etag);
        Assert.Equal("Sesto San Giovanni", client.GetProperty("address").GetProperty("municipality").GetString());
        Assert.False(client.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task a_stale_if_match_gets_412_with_the_current_version_and_changes_nothing()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        using var first = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { phone = "+39 02 1111111" }, "\"1\"");

        using var stale = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { phone = "+39 02 2222222" }, "\"1\"");

        var problem = await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());
        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Equal("+39 02 1111111", client.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task an_if_match_that_is_not_an_etag_is_a_bad_request()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { phone = "+39 02 1111111" }, "\"version-one\"");

        Assert.Equal(["If-Match"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task a_change_without_a_body_is_a_bad_request()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PutAsync($"/clients/{clientId}/contact", content: null);

        Assert.Equal(["$"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task changing_an_unknown_client_is_404()
    {
        using var http = intake.CreateClient().As("caseworker");

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{Guid.NewGuid()}/contact", new { phone = "+39 02 1111111" });

        await response.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task an_address_without_municipality_is_refused()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { address = new { district = "2" } });

        Assert.Equal(["address.municipality"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task front_desks_cannot_change_contact_details()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        using var response = await desk.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact", new { phone = "+39 02 1111111" });

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task legal_status_changes_keep_their_history()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/legal-status",
            new { category = "refugee", documentNumber = "RF-77", validUntil = "2031-01-31" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Equal("refugee", client.GetProperty("legalStatus").GetProperty("category").GetString());
        var history = client.GetProperty("legalStatusHistory").EnumerateArray()
            .Select(entry => entry.GetProperty("legalStatus").GetProperty("category").GetString()).ToList();
        Assert.Equal(["asylum_seeker", "refugee"], history);
    }

    [Fact]
    public async Task a_legal_status_without_category_is_refused()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/legal-status", new { documentNumber = "X1" });

        Assert.Equal(["category"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task languages_change_as_a_whole()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/languages",
            new { languages = new[] { new { code = "ti", proficiency = "native" }, new { code = "it", proficiency = "basic" } }, preferredLanguage = "ti", interpreterRequired = false });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Equal(["ti", "it"], client.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        Assert.False(client.GetProperty("interpreterRequired").GetBoolean());
    }

    [Fact]
    public async Task a_repeated_language_is_refused()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.SendAsync(HttpMethod.Put, $"/clients/{clientId}/languages",
            new { languages = new[] { new { code = "ar", proficiency = "native" }, new { code = "AR", proficiency = "basic" } } });

        Assert.Equal(["languages"], await response.FieldErrorsAsync());
    }
}
