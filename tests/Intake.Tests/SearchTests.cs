using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class SearchTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_name_is_found_across_spellings_and_transliterations()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var family = $"Kovalenko{Letters()}";
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Oleksandr", family, "1979-11-02"));

        foreach (var query in new[] { $"aleksandr {family}", $"ALEXANDER {family.ToUpperInvariant()}", $"{family} oleksandr" })
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString(query)}");
            Assert.Contains(clientId, page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()));
        }
    }

    [Fact]
    public async Task a_result_tells_the_desk_the_case_status_the_language_and_the_phone()
    {
        using var http = intake.CreateClient().As("caseworker");
        var family = IntakeApi.UniqueName();
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Hauwa", family, "1994-05-05"));

        var open = await FoundAsync(http, family);
        Assert.Equal("open", open.GetProperty("caseStatus").GetString());
        Assert.Equal("ha", open.GetProperty("preferredLanguage").GetString());
        Assert.True(open.GetProperty("interpreterRequired").GetBoolean());
        Assert.Equal("+39 333 123 4567", open.GetProperty("phone").GetString());

        using var closed = await http.PostAsJsonAsync($"/clients/{clientId}/close", new { outcome = "employed" });
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        Assert.Equal("closed", (await FoundAsync(http, family)).GetProperty("caseStatus").GetString());
    }

    private static async Task<JsonElement> FoundAsync(HttpClient http, string family)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/clients?q={family}");
        return Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task a_typo_in_the_name_still_finds_the_client()
    {
        using var http = intake.CreateClient().As("caseworker");
        var family = $"Bondarenko{Letters()}";
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Dmytro", family, "1992-09-09"));

        var page = await http.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString("Dmytro " + family.Replace("nk", "mk", StringComparison.Ordinal))}");

        Assert.Equal(clientId, page.GetProperty("items")[0].GetProperty("clientId").GetGuid());
    }

    [Fact]
    public async Task clients_are_found_by_document_number_in_any_format_and_by_date_of_birth()
    {
        using var http = intake.CreateClient().As("coordinator");
        using var desk = intake.CreateClient().As("frontdesk");
        var body = IntakeApi.NewClient(dateOfBirth: "1966-06-16");
        var document = $"AB-{Random.Shared.Next(100000, 999999)}";
        body["legalStatus"] = new { category = "refugee", documentNumber = document };
        var clientId = await desk.RegisterAsync(body);

        var byDocument = await http.GetFromJsonAsync<JsonElement>($"/clients?documentNumber={Uri.EscapeDataString(document.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant())}");
        var byBirth = await http.GetFromJsonAsync<JsonElement>("/clients?dateOfBirth=1966-06-16&pageSize=200");

        Assert.Equal(clientId, Assert.Single(byDocument.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Contains(clientId, byBirth.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()));
    }

    [Fact]
    public async Task results_page_with_the_total()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var family = $"Pagedfamily{Letters()}";
        for (var i = 0; i < 3; i++)
        {
            var body = IntakeApi.NewClient($"Given{Letters()}", family, $"19{70 + i}-01-1{i}");
            body["duplicateCheckOverride"] = new { reason = "siblings" };
            await http.RegisterAsync(body);
        }

        var first = await http.GetFromJsonAsync<JsonElement>($"/clients?q={family}&page=1&pageSize=2");
        var second = await http.GetFromJsonAsync<JsonElement>($"/clients?q={family}&page=2&pageSize=2");

        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(3, second.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task permits_expiring_within_a_window_are_listed_and_flagged()
    {
        using var http = intake.CreateClient().As("caseworker");
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = IntakeApi.NewClient();
        body["legalStatus"] = new { category = "temporary_permit", documentNumber = "TP1", validUntil = soon };
        var expiring = await http.RegisterAsync(body);
        var later = await http.RegisterAsync(IntakeApi.NewClient());

        var page = await http.GetFromJsonAsync<JsonElement>("/clients?permitExpiringWithinDays=30&pageSize=200");
        var ids = page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()).ToList();

        Assert.Contains(expiring, ids);
        Assert.DoesNotContain(later, ids);
        var (client, _) = await http.GetClientAsync(expiring);
        Assert.True(client.GetProperty("legalStatus").GetProperty("expiresSoon").GetBoolean());
        Assert.Equal(10, client.GetProperty("legalStatus").GetProperty("daysUntilExpiry").GetInt32());
    }

    [Fact]
    public async Task results_sort_by_family_name_or_newest_first_when_asked()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var family = $"Sortfamily{Letters()}";
        var registered = new List<Guid>();
        foreach (var given in new[] { "Bianca", "Anna", "Carla" })
        {
            var body = IntakeApi.NewClient(given, family, "1980-03-0" + (registered.Count + 1));
            body["duplicateCheckOverride"] = new { reason = "sisters" };
            registered.Add(await http.RegisterAsync(body));
        }

        async Task<List<Guid>> OrderAsync(string sort) =>
            [.. (await http.GetFromJsonAsync<JsonElement>($"/clients?q={family}&sort={sort}")).GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty("clientId").GetGuid())];

        Assert.Equal([registered[1], registered[0], registered[2]], await OrderAsync("name"));
        Assert.Equal([registered[2], registered[1], registered[0]], await OrderAsync("registered"));
        Assert.Equal(3, (await OrderAsync("relevance")).Count);
    }

    [Theory]
    [InlineData("?sort=age", "sort")]
    [InlineData("?pageSize=500", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=2147483647", "page")]
    [InlineData("?permitExpiringWithinDays=-1", "permitExpiringWithinDays")]
    public async Task out_of_range_parameters_are_field_errors(string query, string field)
    {
        using var http = intake.CreateClient().As("frontdesk");

        using var response = await http.GetAsync($"/clients{query}");

        Assert.Equal([field], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task a_malformed_date_of_birth_parameter_is_a_bad_request()
    {
        using var http = intake.CreateClient().As("frontdesk");

        using var response = await http.GetAsync("/clients?dateOfBirth=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task partners_cannot_search_clients()
    {
        using var http = intake.CreateClient().As("partner", org: "org-1");

        using var response = await http.GetAsync("/clients?q=amina");

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static string Letters() => IntakeApi.UniqueName()[3..];
}
