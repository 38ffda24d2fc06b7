using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Referrals.Tests;

public sealed class DirectoryTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task the_directory_finds_services_by_category_and_language_with_their_organisation()
    {
        var housing = await scenario.AddPartnerAsync(category: "housing", name: "Casa Aperta");
        var legal = await scenario.AddPartnerAsync(category: "legal", name: "Avvocati di Strada");
        using var caseworker = scenario.As("caseworker");

        var legalServices = await caseworker.GetFromJsonAsync<JsonElement>("/directory?category=legal&language=uk");
        var tigrinya = await caseworker.GetFromJsonAsync<JsonElement>("/directory?language=ti");

        var hit = Assert.Single(legalServices.GetProperty("items").EnumerateArray());
        Assert.Equal(legal.ServiceId, hit.GetProperty("serviceId").GetGuid());
        Assert.Equal("Avvocati di Strada", hit.GetProperty("organisationName").GetString());
        Assert.Equal(48, hit.GetProperty("responseHours").GetInt32());
        Assert.Equal(0, tigrinya.GetProperty("total").GetInt64());
        Assert.NotEqual(housing.ServiceId, hit.GetProperty("serviceId").GetGuid());
    }

    [Theory]
    [InlineData("?category=shelter", "category")]
    [InlineData("?language=arabic", "language")]
    [InlineData("?pageSize=500", "pageSize")]
    public async Task a_directory_query_with_unknown_values_is_a_field_error(string query, string field)
    {
        using var caseworker = scenario.As("caseworker");

        using var response = await caseworker.GetAsync($"/directory{query}");

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Theory]
    [InlineData("{\"category\":\"housing\",\"responseHours\":24}", "name")]
    [InlineData("{\"name\":\"Beds\",\"responseHours\":24}", "category")]
    [InlineData("{\"name\":\"Beds\",\"category\":\"housing\"}", "responseHours")]
    [InlineData("{\"name\":\"Beds\",\"category\":\"housing\",\"responseHours\":0}", "responseHours")]
    [InlineData("{\"name\":\"Beds\",\"category\":\"housing\",\"responseHours\":24,\"languages\":[\"Arabic\"]}", "languages[0]")]
    [InlineData("{\"name\":\"Beds\",\"category\":\"housing\",\"responseHours\":24,\"capacity\":-1}", "capacity")]
    [InlineData("{\"name\":\"Beds\",\"category\":\"shelter\",\"responseHours\":24}", "category")]
    public async Task a_service_with_missing_or_bad_fields_is_refused_and_not_listed(string body, string field)
    {
        var partner = await scenario.AddPartnerAsync();
        using var coordinator = scenario.As("coordinator");

        using var response = await coordinator.PostAsync($"/organisations/{partner.OrganisationId}/services",
            new StringContent(body, System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json")));

        await Problems.AssertFieldErrorAsync(response, field);
        var hsds = await referrals.CreateClient().GetFromJsonAsync<JsonElement>($"/hsds/services?organization_id={partner.OrganisationId}");
        Assert.Equal(1, hsds.GetProperty("total_items").GetInt64());
    }

    [Theory]
    [InlineData("{\"description\":\"x\"}", "name")]
    [InlineData("{\"name\":\"Casa\",\"email\":\"not an address\"}", "email")]
    [InlineData("{\"name\":\"Casa\",\"website\":\"ftp://example.org\"}", "website")]
    public async Task an_organisation_with_bad_fields_is_refused(string body, string field)
    {
        using var coordinator = scenario.As("coordinator");

        using var response = await coordinator.PostAsync("/organisations",
            new StringContent(body, System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json")));

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task a_service_for_an_unknown_organisation_is_404()
    {
        using var coordinator = scenario.As("coordinator");

        using var response = await coordinator.PostAsJsonAsync($"/organisations/{Guid.NewGuid()}/services",
            new { name = "Beds", category = "housing", responseHours = 24 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task only_coordinators_maintain_the_directory()
    {
        using var caseworker = scenario.As("caseworker");

        using var response = await caseworker.PostAsJsonAsync("/organisations", new { name = "Casa" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task organisations_list_in_pages()
    {
        await scenario.AddPartnerAsync(name: "Alfa");
        await scenario.AddPartnerAsync(name: "Beta");
        using var caseworker = scenario.As("caseworker");

        var page = await caseworker.GetFromJsonAsync<JsonElement>("/organisations?page=1&pageSize=1");

        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt64() >= 2);
    }
}
