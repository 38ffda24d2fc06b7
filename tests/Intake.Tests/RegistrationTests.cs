using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class RegistrationTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_registered_client_can_be_read_back_with_its_version_as_etag()
    {
        using var http = intake.CreateClient().As("frontdesk");

        using var created = await http.PostAsJsonAsync("/clients", new { givenName = "Tigist", familyName = "Haile", dateOfBirth = "2001-07-18" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
        Assert.Equal($"/clients/{clientId}", created.Headers.Location?.OriginalString);

        using var read = await http.GetAsync($"/clients/{clientId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var client = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Tigist", client.GetProperty("givenName").GetString());
        Assert.Equal("2001-07-18", client.GetProperty("dateOfBirth").GetString());
        Assert.Equal("test-user", client.GetProperty("registeredBy").GetString());
    }

    [Fact]
    public async Task a_name_typed_with_separate_accents_is_stored_composed_and_a_persian_name_keeps_its_non_joiner()
    {
        using var http = intake.CreateClient().As("frontdesk");

        var clientId = await http.RegisterAsync(new { givenName = "Jose\u0301", familyName = "Ra\u0304h\u200Cnama\u0304", dateOfBirth = "1990-02-02" });

        var client = await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}");
        Assert.Equal("Jos\u00E9", client.GetProperty("givenName").GetString());
        Assert.Equal("R\u0101h\u200Cnam\u0101", client.GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task the_location_carries_the_public_path_behind_the_gateway()
    {
        using var http = intake.CreateClient().As("frontdesk");
        http.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/api/intake");

        using var created = await http.PostAsJsonAsync("/clients", new { givenName = "Farida", familyName = "Rahimi", dateOfBirth = "1996-11-02" });

        Assert.StartsWith("/api/intake/clients/", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/api/intake/../..//evil.example")]
    public async Task a_forwarded_prefix_that_is_not_a_plain_path_is_ignored(string prefix)
    {
        using var http = intake.CreateClient().As("frontdesk");
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);

        using var created = await http.PostAsJsonAsync("/clients", IntakeApi.NewClient());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/clients/", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_client_is_not_found_as_a_problem()
    {
        using var http = intake.CreateClient().As("caseworker");

        using var response = await http.GetAsync($"/clients/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task health_and_openapi_need_no_token()
    {
        using var http = intake.CreateClient();

        using var ready = await http.GetAsync("/health/ready");
        using var openApi = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/clients", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
