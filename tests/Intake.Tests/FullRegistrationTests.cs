using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class FullRegistrationTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task the_full_profile_is_stored_and_read_back()
    {
        using var http = intake.CreateClient().As("frontdesk");

        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        var (client, etag) = await http.GetClientAsync(clientId);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("female", client.GetProperty("sex").GetString());
        Assert.Equal("NG", client.GetProperty("nationalities")[0].GetString());
        Assert.Equal("native", client.GetProperty("languages")[0].GetProperty("proficiency").GetString());
        Assert.True(client.GetProperty("interpreterRequired").GetBoolean());
        Assert.Equal("Milano", client.GetProperty("address").GetProperty("municipality").GetString());
        Assert.Equal("asylum_seeker", client.GetProperty("legalStatus").GetProperty("category").GetString());
        Assert.Equal("single_parent", client.GetProperty("vulnerabilities")[0].GetString());
        Assert.Equal(TestTokens.Office, client.GetProperty("office").GetString());
        Assert.Equal("open", client.GetProperty("case").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("nationalities", new[] { "XX" }, "nationalities[0]")]
    [InlineData("preferredLanguage", "klingon", "preferredLanguage")]
    [InlineData("email", "not-an-address", "email")]
    [InlineData("phone", "12", "phone")]
    public async Task codes_and_contact_details_are_checked(string field, object value, string error)
    {
        using var http = intake.CreateClient().As("frontdesk");
        var body = IntakeApi.NewClient();
        body[field] = value;

        using var response = await http.PostAsJsonAsync("/clients", body);

        Assert.Equal([error], await response.FieldErrorsAsync());
    }

    [Theory]
    [InlineData("sex", "alien")]
    [InlineData("vulnerabilities", "unknown_value")]
    public async Task an_unknown_vocabulary_value_is_a_field_error(string field, string value)
    {
        using var http = intake.CreateClient().As("frontdesk");
        var body = IntakeApi.NewClient();
        body[field] = field == "vulnerabilities" ? new[] { value } : value;

        using var response = await http.PostAsJsonAsync("/clients", body);

        Assert.Contains(await response.FieldErrorsAsync(), name => name.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_possible_duplicate_is_refused_with_ranked_candidates_until_overridden_with_a_reason()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var family = $"Hassan{IntakeApi.UniqueName()[3..]}";
        var first = IntakeApi.NewClient("Mohammed", $"Al-{family}", "1985-03-12");
        var firstId = await http.RegisterAsync(first);

        var second = IntakeApi.NewClient("MUHAMMAD", $"al{family}", "1985-12-03");
        using var refused = await http.PostAsJsonAsync("/clients", second);
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "possible_duplicate");
        var candidate = Assert.Single(problem.GetProperty("candidates").EnumerateArray());
        Assert.Equal(firstId, candidate.GetProperty("clientId").GetGuid());
        Assert.Contains("date_of_birth_day_and_month_swapped", candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));

        second["duplicateCheckOverride"] = new { reason = "Different father's name confirmed on the passport." };
        var secondId = await http.RegisterAsync(second);
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task the_duplicate_check_answers_candidates_without_registering()
    {
        using var http = intake.CreateClient().As("caseworker");
        var body = IntakeApi.NewClient("Oleksandr", null, "1979-11-02");
        var clientId = await http.RegisterAsync(body);

        using var response = await http.PostAsJsonAsync("/clients/duplicate-check",
            new { givenName = "Aleksandr", familyName = body["familyName"], dateOfBirth = "1979-11-02", nationality = "NG" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidates = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidates");
        Assert.Equal(clientId, Assert.Single(candidates.EnumerateArray()).GetProperty("clientId").GetGuid());
    }

    [Fact]
    public async Task the_duplicate_check_validates_its_fields()
    {
        using var http = intake.CreateClient().As("caseworker");

        using var response = await http.PostAsJsonAsync("/clients/duplicate-check", new { givenName = "", nationality = "Syria" });

        Assert.Equal(["familyName", "givenName", "nationality"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task the_same_idempotency_key_and_body_return_the_same_client()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var body = IntakeApi.NewClient();
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(http, body, key);
        using var again = await PostWithKeyAsync(http, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_same_idempotency_key_with_another_body_is_refused()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var key = Guid.NewGuid().ToString();
        using var first = await PostWithKeyAsync(http, IntakeApi.NewClient("Amina"), key);

        using var other = await PostWithKeyAsync(http, IntakeApi.NewClient("Farida"), key);

        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Theory]
    [InlineData("partner")]
    [InlineData("mediator")]
    [InlineData("coordinator")]
    public async Task only_front_desks_and_case_workers_register(string role)
    {
        using var http = intake.CreateClient().As(role);

        using var response = await http.PostAsJsonAsync("/clients", IntakeApi.NewClient());

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_partner_cannot_read_a_client_profile()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        using var partner = intake.CreateClient().As("partner", org: "org-1");

        using var response = await partner.GetAsync($"/clients/{clientId}");

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient http, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/clients") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }
}
