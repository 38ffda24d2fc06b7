using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Every request here is refused, so the class's event store must stay empty.</summary>
public sealed class RejectedRegistrationTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_request_without_a_token_gets_401_as_a_problem_and_stores_nothing()
    {
        using var http = intake.CreateClient();

        using var response = await http.PostAsJsonAsync("/clients", new { givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("Amina\u202Egnp.exe")]
    [InlineData("Ami\u200Bna")]
    [InlineData("\uFEFFAmina")]
    [InlineData("Ami\u0301\u0302\u0303\u0304\u0305\u0306na")]
    public async Task a_name_with_invisible_formatting_or_piled_up_accents_is_a_field_error(string givenName)
    {
        using var http = intake.CreateClient().As("frontdesk");
        var client = IntakeApi.NewClient();
        client["givenName"] = givenName;

        using var response = await http.PostAsJsonAsync("/clients", client);

        Assert.Equal(["givenName"], (await AssertValidationProblemAsync(response)).EnumerateObject().Select(field => field.Name));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("frontdesk", "bari")]
    [InlineData("caseworker", "bari")]
    [InlineData("frontdesk", "  ")]
    [InlineData("caseworker", "")]
    public async Task a_registration_at_another_office_or_at_a_blank_one_is_a_field_error(string role, string office)
    {
        using var http = intake.CreateClient().As(role);
        var client = IntakeApi.NewClient();
        client["office"] = office;

        using var response = await http.PostAsJsonAsync("/clients", client);

        Assert.Equal(["office"], (await AssertValidationProblemAsync(response)).EnumerateObject().Select(field => field.Name));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task a_validly_signed_token_that_names_no_subject_is_refused()
    {
        using var http = intake.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.WithoutSubject("frontdesk"));

        using var response = await http.PostAsJsonAsync("/clients", new { givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_refused()
    {
        using var http = intake.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TamperedToken());

        using var response = await http.PostAsJsonAsync("/clients", new { givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task missing_fields_get_400_with_each_field_named_and_store_nothing()
    {
        using var http = intake.CreateClient().As("frontdesk");

        using var response = await http.PostAsJsonAsync("/clients", new { givenName = "" });

        var errors = await AssertValidationProblemAsync(response);
        Assert.Equal(["dateOfBirth", "familyName", "givenName"], errors.EnumerateObject().Select(field => field.Name).Order());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("{\"givenName\":\"Amina\",\"familyName\":\"Yusuf\",\"dateOfBirth\":\"12/04/1991\"}", "dateOfBirth")]
    [InlineData("{\"givenName\":42,\"familyName\":\"Yusuf\",\"dateOfBirth\":\"1991-04-12\"}", "givenName")]
    [InlineData("{\"givenName\":\"Amina\",", "$")]
    public async Task a_malformed_body_gets_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var http = intake.CreateClient().As("frontdesk");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("/clients", content);

        var errors = await AssertValidationProblemAsync(response);
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}, got {errors}");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task every_value_of_the_wrong_type_is_named_at_once_and_nothing_is_stored()
    {
        using var http = intake.CreateClient().As("frontdesk");
        using var content = new StringContent(
            "{\"givenName\":42,\"familyName\":true,\"dateOfBirth\":\"12/04/1991\",\"sex\":\"robot\",\"languages\":[{\"code\":7}]}",
            Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("/clients", content);

        var errors = await AssertValidationProblemAsync(response);
        Assert.Equal(["dateOfBirth", "familyName", "givenName", "languages[0].code", "sex"], errors.EnumerateObject().Select(field => field.Name).Order());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task a_body_that_is_not_json_gets_a_problem_and_stores_nothing()
    {
        using var http = intake.CreateClient().As("frontdesk");
        using var content = new StringContent("givenName=Amina", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await http.PostAsync("/clients", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStoredAsync();
    }

    private static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        return problem.GetProperty("errors");
    }

    private async Task AssertNothingStoredAsync() =>
        Assert.Equal(0, await intake.Environment.CountRowsAsync(IntakeService.Name, "mt_events"));

    private static string TamperedToken()
    {
        var parts = TestTokens.For("frontdesk").Split('.');
        return $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes("forged-signature")).TrimEnd('=')}";
    }
}
