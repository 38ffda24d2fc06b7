using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class WalkingSkeletonTests(RunningSystem system)
{
    [Fact]
    public async Task a_client_registered_through_the_gateway_arrives_in_referrals_and_mediators()
    {
        using var http = await system.SignedInAsync("frontdesk");

        using var created = await http.PostAsJsonAsync("/api/intake/clients",
            new { givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
        Assert.Equal($"/api/intake/clients/{clientId}", created.Headers.Location?.OriginalString);
        using var read = await http.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        using var caseworker = await system.SignedInAsync("caseworker");
        var inReferrals = await caseworker.ArrivedAsync("referrals", clientId);
        Assert.Equal("Amina", inReferrals.GetProperty("givenName").GetString());
        Assert.Equal("Yusuf", inReferrals.GetProperty("familyName").GetString());
        var inMediators = await http.ArrivedAsync("mediators", clientId);
        Assert.Equal(clientId, inMediators.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task the_gateway_and_every_service_report_ready()
    {
        using var http = new HttpClient();
        foreach (var process in system.All)
        {
            using var response = await http.GetAsync(new Uri(process.Address, "health/ready"));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{process.Name} answered {(int)response.StatusCode}");
            Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("/api/intake/clients/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/referrals/clients")]
    [InlineData("/api/mediators/clients")]
    public async Task a_request_without_a_token_gets_401_with_a_problem_document(string path)
    {
        using var http = system.CreateGatewayClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_malformed_registration_gets_field_errors_and_stores_nothing()
    {
        using var http = await system.SignedInAsync("frontdesk");
        var eventsBefore = await system.Environment.CountRowsAsync("intake", "mt_events");
        using var content = new StringContent("{\"givenName\":\"\",\"familyName\":\"Yusuf\"}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("/api/intake/clients", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("givenName", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("dateOfBirth", out _));
        Assert.Equal(eventsBefore, await system.Environment.CountRowsAsync("intake", "mt_events"));
    }

    [Fact]
    public async Task the_development_token_endpoint_refuses_an_unknown_role()
    {
        using var http = system.CreateGatewayClient();

        using var response = await http.PostAsJsonAsync("/dev/token", new { sub = "someone", role = "superuser" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task the_gateway_passes_the_correlation_id_through_and_back()
    {
        using var http = await system.SignedInAsync("caseworker");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/referrals/clients");
        request.Headers.Add("X-Correlation-Id", "desk-7-request-42");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("desk-7-request-42", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task the_portal_and_the_openapi_documents_are_served_through_the_gateway()
    {
        using var http = system.CreateGatewayClient();

        // Anonymous visitors are sent to the sign-in page.
        var portal = await http.GetStringAsync("/");
        Assert.Contains("<h1>Sign in</h1>", portal, StringComparison.Ordinal);
        foreach (var service in new[] { "intake", "referrals", "mediators" })
        {
            using var openApi = await http.GetAsync($"/api/{service}/openapi/v1.json");
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        }
    }
}
