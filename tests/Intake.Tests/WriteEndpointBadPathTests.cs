using System.Net;
using System.Text;

namespace Integration.Intake.Tests;

/// <summary>Every write on an existing client, through the same bad paths: unknown client, stale If-Match, wrong role, malformed JSON.</summary>
public sealed class WriteEndpointBadPathTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    private static readonly Guid SomeId = Guid.Parse("00000000-0000-0000-0000-00000000abcd");

    public static TheoryData<string, string, string, string> Writes => new()
    {
        // method, path under /clients/{id}, a valid body, a role that may not call it
        { "PUT", "/contact", """{"phone":"+39 02 1234567"}""", "frontdesk" },
        { "PUT", "/languages", """{"languages":[{"code":"ar","proficiency":"native"}]}""", "coordinator" },
        { "PUT", "/legal-status", """{"category":"refugee"}""", "frontdesk" },
        { "POST", "/consents", """{"purpose":"referral","recipientServiceCategory":"housing","dataCategories":["identity"],"lawfulBasis":"consent","givenAt":"2026-01-01T00:00:00Z"}""", "partner" },
        { "POST", $"/consents/{SomeId}/withdraw", """{"reason":"asked"}""", "mediator" },
        { "POST", "/needs", """{"domain":"housing","priority":"high","description":"shelter"}""", "frontdesk" },
        { "POST", $"/needs/{SomeId}/reprioritise", """{"priority":"low"}""", "coordinator" },
        { "POST", $"/needs/{SomeId}/resolve", """{"outcome":"met"}""", "partner" },
        { "POST", "/close", """{"outcome":"housed"}""", "frontdesk" },
        { "POST", "/reopen", """{"reason":"back"}""", "frontdesk" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task a_write_on_an_unknown_client_is_404(string method, string path, string body, string forbiddenRole)
    {
        _ = forbiddenRole;
        using var http = intake.CreateClient().As("caseworker");

        using var response = await SendAsync(http, method, $"/clients/{Guid.NewGuid()}{path}", body, ifMatch: null);

        await response.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task a_write_with_a_stale_if_match_is_412_and_changes_nothing(string method, string path, string body, string forbiddenRole)
    {
        _ = forbiddenRole;
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await SendAsync(http, method, $"/clients/{clientId}{path}", body, ifMatch: "\"7\"");

        await response.ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("\"1\"", (await http.GetClientAsync(clientId)).ETag);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task a_write_by_a_role_that_may_not_make_it_is_403(string method, string path, string body, string forbiddenRole)
    {
        using var desk = intake.CreateClient().As("caseworker");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        using var http = intake.CreateClient().As(forbiddenRole, org: "org-1");

        using var response = await SendAsync(http, method, $"/clients/{clientId}{path}", body, ifMatch: null);

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("\"1\"", (await desk.GetClientAsync(clientId)).ETag);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task a_write_with_malformed_json_is_400_and_changes_nothing(string method, string path, string body, string forbiddenRole)
    {
        _ = (body, forbiddenRole);
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await SendAsync(http, method, $"/clients/{clientId}{path}", "{\"broken\":", ifMatch: null);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("\"1\"", (await http.GetClientAsync(clientId)).ETag);
    }

    [Fact]
    public async Task partners_cannot_check_for_duplicates()
    {
        using var http = intake.CreateClient().As("partner", org: "org-1");

        using var response = await http.SendAsync(HttpMethod.Post, "/clients/duplicate-check", new { givenName = "Amina", familyName = "Yusuf" });

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, string body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request);
    }
}
