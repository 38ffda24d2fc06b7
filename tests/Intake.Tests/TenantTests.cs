using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Integration.Intake.Tests;

/// <summary>The tenancy tests with every tenant's rows in one database.</summary>
public sealed class ConjoinedTenantTests(IntakeFixture intake) : TenantTests(intake), IClassFixture<IntakeFixture>;

/// <summary>The tenancy tests with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantTests(DatabasePerTenantIntakeFixture intake) : TenantTests(intake), IClassFixture<DatabasePerTenantIntakeFixture>
{
    [Fact]
    public async Task a_tenants_events_and_index_are_in_its_own_database_and_none_in_the_services()
    {
        var tenant = await OnboardAsync("apart", "centro");
        using var desk = intake.CreateClient().As("frontdesk", subject: "apart-desk", office: "centro", tenant: tenant);
        await desk.RegisterAsync(IntakeApi.NewClient("Selam", IntakeApi.UniqueName(), "1994-04-04"));

        var service = new NpgsqlConnectionStringBuilder(intake.Environment.Postgres);
        var own = new NpgsqlConnectionStringBuilder(intake.Environment.Postgres) { Database = $"{service.Database}_{tenant.Replace('-', '_')}" };
        Assert.Equal((0L, 0L), (await CountAsync(service.ConnectionString, "mt_events", tenant), await CountAsync(service.ConnectionString, "client_index", tenant)));
        Assert.Equal((1L, 1L), (await CountAsync(own.ConnectionString, "mt_events", tenant), await CountAsync(own.ConnectionString, "client_index", tenant)));
    }

    [Fact]
    public async Task the_list_of_tenant_databases_records_no_password()
    {
        var tenant = await OnboardAsync("secret", "centro");
        Assert.False(string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(intake.Environment.Postgres).Password), "the test server's connection has a password");

        await using var connection = new NpgsqlConnection(intake.Environment.Postgres);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand($"select tenant_id, connection_string from \"{intake.Schema}\".mt_tenant_databases", connection);
        var recorded = new Dictionary<string, string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                recorded[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Contains(tenant, recorded.Keys);
        Assert.All(recorded, database => Assert.Null(new NpgsqlConnectionStringBuilder(database.Value).Password));
        using var desk = intake.CreateClient().As("frontdesk", subject: "secret-desk", office: "centro", tenant: tenant);
        await desk.RegisterAsync(IntakeApi.NewClient("Abeba", IntakeApi.UniqueName(), "1991-01-01"));
    }

    private async Task<long> CountAsync(string connectionString, string table, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from \"{intake.Schema}\".{table} where tenant_id = @tenant", connection);
        count.Parameters.AddWithValue("tenant", tenant);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

/// <summary>Onboarding tenants, and the confinement of intake's reads and writes to the token's tenant, in both storage modes.</summary>
public abstract class TenantTests(IntakeFixture intake)
{
    private static string UniqueTenant(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static object TenantBody(string tenantId, params string[] offices) =>
        new { tenantId, name = "Unione Montana Valle di Susa", timeZone = "Europe/Rome", defaultLanguage = "it", offices };

    protected async Task<string> OnboardAsync(string prefix, params string[] offices)
    {
        using var platform = intake.CreateClient().As("platform_admin", subject: "platform-admin", office: null);
        var tenantId = UniqueTenant(prefix);
        using var response = await platform.PostAsJsonAsync("/tenants", TenantBody(tenantId, offices));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return tenantId;
    }

    [Fact]
    public async Task the_relay_publishes_the_onboarding_and_the_tenants_own_events()
    {
        await using var onboarded = await PublishedMessages.ListenAsync<Integration.Intake.Contracts.TenantOnboarded>(intake.Environment.Bus);
        await using var registered = await PublishedMessages.ListenAsync<Integration.Intake.Contracts.ClientRegistered>(intake.Environment.Bus);
        var tenant = await OnboardAsync("relayed", "centro");
        using var desk = intake.CreateClient().As("frontdesk", subject: "relayed-desk", office: "centro", tenant: tenant);
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient("Hagos", IntakeApi.UniqueName(), "1987-07-07"));

        await onboarded.WaitForAsync(message => message.TenantId == tenant, "the onboarding published");
        await registered.WaitForAsync(message => message.ClientId == clientId, "the tenant's registration published");
    }

    [Fact]
    public async Task a_platform_administrator_onboards_a_tenant_once_and_lists_it()
    {
        using var platform = intake.CreateClient().As("platform_admin", subject: "platform-admin", office: null);
        var tenantId = UniqueTenant("susa");

        using var created = await platform.PostAsJsonAsync("/tenants", TenantBody(tenantId, "susa-centro", "bussoleno"));
        using var again = await platform.PostAsJsonAsync("/tenants", TenantBody(tenantId, "susa-centro"));
        using var asDefault = await platform.PostAsJsonAsync("/tenants", TenantBody("default", "centro"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/tenants/{tenantId}", created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["susa-centro", "bussoleno"], body.GetProperty("offices").EnumerateArray().Select(office => office.GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "tenant_exists"), (again.StatusCode, await CodeOf(again)));
        Assert.Equal((HttpStatusCode.Conflict, "tenant_exists"), (asDefault.StatusCode, await CodeOf(asDefault)));
        var listed = await ListAllAsync(platform);
        var tenant = Assert.Single(listed, item => item.GetProperty("tenantId").GetString() == tenantId);
        Assert.Equal(("Unione Montana Valle di Susa", "Europe/Rome", "it"),
            (tenant.GetProperty("name").GetString(), tenant.GetProperty("timeZone").GetString(), tenant.GetProperty("defaultLanguage").GetString()));

        // The tenant's staff work with its own offices: they are what a screen offers, and no other office is accepted.
        using var coordinator = intake.CreateClient().As("coordinator", office: null, tenant: tenantId);
        var offices = await coordinator.GetFromJsonAsync<JsonElement>("/offices");
        Assert.Equal(["bussoleno", "susa-centro"], offices.GetProperty("offices").EnumerateArray().Select(office => office.GetString()));
        Assert.Equal(("Europe/Rome", "it"), (offices.GetProperty("timeZone").GetString(), offices.GetProperty("defaultLanguage").GetString()));
        using var defaultCoordinator = intake.CreateClient().As("coordinator", office: null);
        var defaultOffices = await defaultCoordinator.GetFromJsonAsync<JsonElement>("/offices");
        Assert.False(defaultOffices.TryGetProperty("timeZone", out var defaultZone) && defaultZone.ValueKind != JsonValueKind.Null, "the default tenant's zone is the portal's to configure");
        using var desk = intake.CreateClient().As("frontdesk", subject: "bussoleno-desk", office: "bussoleno", tenant: tenantId);
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient("Lidia", IntakeApi.UniqueName(), "1990-02-02"));
        using var elsewhere = await coordinator.PostAsJsonAsync($"/clients/{clientId}/transfer", new { office = "milan-central", reason = "Moved" });
        using var within = await coordinator.PostAsJsonAsync($"/clients/{clientId}/transfer", new { office = "susa-centro", reason = "Moved" });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.True((await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("office", out _));
        Assert.True(within.IsSuccessStatusCode, $"transfer within the tenant answered {(int)within.StatusCode}");
    }

    [Fact]
    public async Task a_bad_tenant_is_a_field_error_and_stores_nothing()
    {
        using var platform = intake.CreateClient().As("platform_admin", subject: "platform-admin", office: null);
        var tenantId = UniqueTenant("bad");

        using var response = await platform.PostAsJsonAsync("/tenants",
            new { tenantId = tenantId.ToUpperInvariant(), name = " ", timeZone = "Europe/Atlantis", defaultLanguage = "fr", offices = new[] { "centro", "centro", "Piazza Castello" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["defaultLanguage", "name", "offices[1]", "offices[2]", "tenantId", "timeZone"],
            errors.EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await ListAllAsync(platform), item => string.Equals(item.GetProperty("tenantId").GetString(), tenantId, StringComparison.OrdinalIgnoreCase));
        using var empty = await platform.PostAsJsonAsync("/tenants", new { tenantId });
        Assert.Equal(["defaultLanguage", "name", "offices", "timeZone"],
            (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await ListAllAsync(platform), item => item.GetProperty("tenantId").GetString() == tenantId);
    }

    [Fact]
    public async Task a_token_naming_a_tenant_that_does_not_exist_is_refused_everywhere()
    {
        using var nowhere = intake.CreateClient().As("coordinator", office: null, tenant: UniqueTenant("nowhere"));
        using var malformed = intake.CreateClient().As("coordinator", office: null, tenant: "Not A Tenant");

        Assert.Equal(HttpStatusCode.Unauthorized, (await nowhere.GetAsync("/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nowhere.PostAsJsonAsync("/clients", IntakeApi.NewClient())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.GetAsync("/offices")).StatusCode);
    }

    [Fact]
    public async Task a_tenants_clients_are_its_own_even_at_an_office_of_the_same_name()
    {
        var susa = await OnboardAsync("susa", TestTokens.Office);
        using var susaDesk = intake.CreateClient().As("frontdesk", subject: "susa-desk", tenant: susa);
        using var susaCoordinator = intake.CreateClient().As("coordinator", subject: "susa-coordinator", office: null, tenant: susa);
        using var defaultDesk = intake.CreateClient().As("frontdesk", subject: "default-desk");
        using var defaultCoordinator = intake.CreateClient().As("coordinator", subject: "default-coordinator", office: null);
        using var defaultWorker = intake.CreateClient().As("caseworker", subject: "default-worker");
        var familyName = IntakeApi.UniqueName();

        var susaClient = await susaDesk.RegisterAsync(IntakeApi.NewClient("Meron", familyName, "1996-08-08"));
        var defaultClient = await defaultDesk.RegisterAsync(IntakeApi.NewClient("Meron", familyName, "1996-08-08"));

        Assert.NotEqual(susaClient, defaultClient);
        Assert.Equal(HttpStatusCode.OK, (await susaDesk.GetAsync($"/clients/{susaClient}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defaultDesk.GetAsync($"/clients/{susaClient}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defaultCoordinator.GetAsync($"/clients/{susaClient}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await susaCoordinator.GetAsync($"/clients/{defaultClient}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defaultWorker.PostAsJsonAsync($"/clients/{susaClient}/needs",
            new { domain = "housing", priority = "high", description = "Room" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defaultCoordinator.GetAsync($"/clients/{susaClient}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await susaCoordinator.GetAsync($"/clients/{susaClient}/history")).StatusCode);

        // Searches, the worklist and the figures see the tenant's own clients only.
        var susaSearch = await susaCoordinator.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString($"Meron {familyName}")}");
        Assert.Equal([susaClient], susaSearch.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()));
        var homeSearch = await defaultCoordinator.GetFromJsonAsync<JsonElement>($"/clients?q={Uri.EscapeDataString($"Meron {familyName}")}");
        Assert.Equal([defaultClient], homeSearch.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()));
        await Eventually.HoldsAsync(async () =>
            (await susaCoordinator.GetFromJsonAsync<JsonElement>("/statistics")).GetProperty("registrations").GetInt64() == 1,
            "the tenant's one registration in its figures");
        using var duplicateCheck = await susaDesk.PostAsJsonAsync("/clients/duplicate-check", new { givenName = "Meron", familyName, dateOfBirth = "1996-08-08" });
        var candidates = (await duplicateCheck.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([susaClient], candidates.Select(candidate => candidate.GetProperty("clientId").GetGuid()));

        // Every record of the case is the tenant's own: its household, plans, notes, timeline, access log and export.
        var spouse = await susaDesk.RegisterAsync(IntakeApi.NewClient("Tesfay", familyName, "1993-03-03"));
        using var formed = await susaDesk.PostAsJsonAsync("/households",
            new { members = new object[] { new { clientId = susaClient, relationship = "head" }, new { clientId = spouse, relationship = "spouse" } } });
        Assert.Equal(HttpStatusCode.Created, formed.StatusCode);
        var household = $"/households/{(await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("householdId").GetGuid()}";
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound),
            ((await susaCoordinator.GetAsync(household)).StatusCode, (await defaultCoordinator.GetAsync(household)).StatusCode));
        foreach (var section in new[] { "plans", "notes", "timeline", "access-log", "export" })
        {
            Assert.Equal((section, HttpStatusCode.NotFound), (section, (await defaultCoordinator.GetAsync($"/clients/{susaClient}/{section}")).StatusCode));
        }

        foreach (var section in new[] { "plans", "notes", "timeline", "access-log" })
        {
            Assert.Equal((section, HttpStatusCode.OK), (section, (await susaCoordinator.GetAsync($"/clients/{susaClient}/{section}")).StatusCode));
        }
    }

    private static async Task<List<JsonElement>> ListAllAsync(HttpClient platform)
    {
        var found = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var listed = await platform.GetFromJsonAsync<JsonElement>($"/tenants?page={page}&pageSize=100");
            found.AddRange(listed.GetProperty("items").EnumerateArray());
            if (found.Count >= listed.GetProperty("total").GetInt32())
            {
                return found;
            }
        }
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;
}
