using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Integration.Referrals.Tests;

/// <summary>
/// The directory's HSDS output checked against the published HSDS 3.0 files in
/// ../shared/standards/hsds-3.0 (compiled JSON schemas and the OpenAPI's Page envelope): every
/// object validates (required fields, types, formats), and every field emitted is one HSDS defines.
/// </summary>
public sealed class HsdsTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task a_service_follows_the_hsds_service_schema()
    {
        var partner = await scenario.AddPartnerAsync(category: "employment", name: "Lavoro Insieme");
        using var anonymous = referrals.CreateClient();

        var service = await anonymous.GetFromJsonAsync<JsonElement>($"/hsds/services/{partner.ServiceId}");

        await AssertFollowsAsync("service.json", service);
        Assert.Equal(partner.OrganisationId, service.GetProperty("organization_id").GetGuid());
        Assert.Equal("Lavoro Insieme", service.GetProperty("organization").GetProperty("name").GetString());
        var languages = service.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["ar", "uk"], languages.Select(language => language.GetProperty("code").GetString()));
        Assert.Equal(["Arabic", "Ukrainian"], languages.Select(language => language.GetProperty("name").GetString()));
        Assert.Equal("active", service.GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_service_list_is_an_hsds_page_of_service_list_objects()
    {
        var partner = await scenario.AddPartnerAsync();
        await scenario.AddServiceAsync(partner.OrganisationId, "education");
        await scenario.AddServiceAsync(partner.OrganisationId, "language");
        using var anonymous = referrals.CreateClient();

        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/hsds/services?organization_id={partner.OrganisationId}&page=2&per_page=2");

        await AssertPageAsync(page);
        Assert.Equal(3, page.GetProperty("total_items").GetInt64());
        Assert.Equal(2, page.GetProperty("total_pages").GetInt64());
        Assert.Equal(2, page.GetProperty("page_number").GetInt32());
        Assert.Equal(1, page.GetProperty("size").GetInt32());
        Assert.False(page.GetProperty("first_page").GetBoolean());
        Assert.True(page.GetProperty("last_page").GetBoolean());
        Assert.False(page.GetProperty("empty").GetBoolean());
        foreach (var service in page.GetProperty("contents").EnumerateArray())
        {
            await AssertFollowsAsync("service_list.json", service);
        }
    }

    [Fact]
    public async Task organizations_follow_the_hsds_organization_schemas()
    {
        var partner = await scenario.AddPartnerAsync(name: "Rifugio");
        using var anonymous = referrals.CreateClient();

        var organization = await anonymous.GetFromJsonAsync<JsonElement>($"/hsds/organizations/{partner.OrganisationId}");
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/hsds/organizations?per_page=200");

        await AssertFollowsAsync("organization.json", organization);
        Assert.Equal(partner.ServiceId, Assert.Single(organization.GetProperty("services").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("https://example.org", organization.GetProperty("website").GetString());
        await AssertPageAsync(list);
        Assert.Contains(list.GetProperty("contents").EnumerateArray(), item => item.GetProperty("id").GetGuid() == partner.OrganisationId);
        foreach (var item in list.GetProperty("contents").EnumerateArray())
        {
            await AssertFollowsAsync("organization_list.json", item);
        }
    }

    [Fact]
    public async Task an_empty_page_says_so()
    {
        using var anonymous = referrals.CreateClient();

        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/hsds/services?organization_id={Guid.NewGuid()}");

        await AssertPageAsync(page);
        Assert.True(page.GetProperty("empty").GetBoolean());
        Assert.Equal(0, page.GetProperty("total_items").GetInt64());
    }

    [Fact]
    public async Task unknown_ids_are_404_and_bad_paging_is_a_field_error()
    {
        using var anonymous = referrals.CreateClient();

        using var missing = await anonymous.GetAsync($"/hsds/services/{Guid.NewGuid()}");
        using var missingOrganization = await anonymous.GetAsync($"/hsds/organizations/{Guid.NewGuid()}");
        using var badPage = await anonymous.GetAsync("/hsds/services?per_page=1000");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingOrganization.StatusCode);
        await Problems.AssertFieldErrorAsync(badPage, "per_page");
    }

    private static async Task AssertFollowsAsync(string schemaFile, JsonElement instance)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(HsdsStandard.Directory, schemaFile));
        var errors = schema.Validate(instance.GetRawText());
        Assert.True(errors.Count == 0, $"{schemaFile}: {string.Join("; ", errors.Select(error => $"{error.Path} {error.Kind}"))}\n{instance}");
        AssertDeclared(schema, instance, schemaFile);
    }

    /// <summary>Every property emitted is one the schema defines, at every level of nesting.</summary>
    private static void AssertDeclared(JsonSchema schema, JsonElement instance, string where)
    {
        foreach (var property in instance.EnumerateObject())
        {
            Assert.True(schema.ActualProperties.TryGetValue(property.Name, out var declared), $"{where}.{property.Name} is not an HSDS field");
            var definition = declared!.ActualSchema;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                AssertDeclared(definition, property.Value, $"{where}.{property.Name}");
            }
            else if (property.Value.ValueKind == JsonValueKind.Array && definition.Item?.ActualSchema is { } items)
            {
                foreach (var item in property.Value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object))
                {
                    AssertDeclared(items, item, $"{where}.{property.Name}[]");
                }
            }
        }
    }

    /// <summary>The Page schema of HSDS's OpenAPI, with every envelope field present.</summary>
    private static async Task AssertPageAsync(JsonElement page)
    {
        var openApi = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(HsdsStandard.Directory, "openapi.json")))!;
        var pageSchema = openApi["components"]!["schemas"]!["Page"]!;
        var schema = await JsonSchema.FromJsonAsync(pageSchema.ToJsonString());
        var envelope = JsonNode.Parse(page.GetRawText())!.AsObject();
        envelope.Remove("contents");
        var errors = schema.Validate(envelope.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(error => $"{error.Path} {error.Kind}")));
        foreach (var field in schema.ActualProperties.Keys)
        {
            Assert.True(page.TryGetProperty(field, out _), $"the page lacks {field}");
        }

        Assert.Equal(JsonValueKind.Array, page.GetProperty("contents").ValueKind);
        Assert.Equal(page.GetProperty("size").GetInt32(), page.GetProperty("contents").GetArrayLength());
    }
}

/// <summary>Where the published HSDS 3.0 files are: <c>HSDS_STANDARD_DIR</c>, else <c>shared/standards/hsds-3.0</c> beside the repository.</summary>
internal static class HsdsStandard
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("HSDS_STANDARD_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "standards", "hsds-3.0");
            if (File.Exists(Path.Combine(candidate, "service.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The HSDS 3.0 files (shared/standards/hsds-3.0 beside the repository) were not found; set HSDS_STANDARD_DIR to their folder.");
    }
}
