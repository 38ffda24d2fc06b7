using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

/// <summary>The tenancy journey with every tenant's rows in one database per service.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class TenancyTests(RunningSystem system) : TenancyJourney(system);

/// <summary>The tenancy journey with each tenant but the default one in databases of its own.</summary>
public sealed class DatabasePerTenantTenancyTests(DatabasePerTenantSystem system) : TenancyJourney(system), IClassFixture<DatabasePerTenantSystem>;

/// <summary>The whole system with <c>Tenancy:Storage</c> DatabasePerTenant in every service.</summary>
public sealed class DatabasePerTenantSystem : RunningSystem
{
    protected override IReadOnlyDictionary<string, string> CommonSettings => TenantStorageSettings.DatabasePerTenant;
}

/// <summary>
/// A tenant onboarded at intake becomes known to every service by message, and what its staff write travels between the services
/// in that tenant: each relay labels its messages with their events' tenant and each consumer acts in it.
/// </summary>
public abstract class TenancyJourney(RunningSystem system)
{
    private static readonly string[] Services = ["intake", "referrals", "mediators"];

    [Fact]
    public async Task a_tenants_client_reaches_referrals_and_mediators_in_that_tenant_only()
    {
        using var platform = await system.SignedInAsync("platform_admin", office: null);
        var tenant = await OnboardedTenantAsync(platform);
        using var caseworker = await system.SignedInAsync("caseworker", tenant: tenant);
        using var homeCoordinator = await system.SignedInAsync("coordinator", office: null);

        var clientId = await caseworker.RegisterAsync(Gateway.UniqueName("Given"), Gateway.UniqueName("Family"), "1988-03-04");

        var inReferrals = await caseworker.ArrivedAsync("referrals", clientId);
        await caseworker.ArrivedAsync("mediators", clientId);
        Assert.Equal(clientId, inReferrals.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/api/intake/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/api/referrals/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/api/mediators/clients/{clientId}")).StatusCode);
        var tenants = await platform.GetFromJsonAsync<JsonElement>("/api/intake/tenants?pageSize=100");
        Assert.Contains(tenants.GetProperty("items").EnumerateArray(), item => item.GetProperty("tenantId").GetString() == tenant);
    }

    [Fact]
    public async Task an_erasure_acts_in_its_tenant_in_every_service_and_leaves_the_other_tenants_clients_as_they_were()
    {
        using var platform = await system.SignedInAsync("platform_admin", office: null);
        var tenant = await OnboardedTenantAsync(platform);
        using var caseworker = await system.SignedInAsync("caseworker", tenant: tenant);
        using var coordinator = await system.SignedInAsync("coordinator", office: null, tenant: tenant);
        using var homeCaseworker = await system.SignedInAsync("caseworker");
        using var homeCoordinator = await system.SignedInAsync("coordinator", office: null);
        var erased = await RegisteredWithNeedAsync(caseworker);
        var kept = await RegisteredWithNeedAsync(homeCaseworker);

        // Neither tenant's coordinator can erase, or see the erasure of, the other's client: 404, and nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.PostAsync($"/api/intake/clients/{erased.ClientId}/erasure", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsync($"/api/intake/clients/{kept.ClientId}/erasure", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/intake/clients/{erased.ClientId}")).StatusCode);
        Assert.Equal(erased.Values.Length, (await ScanAsync(erased.Values)).Select(ValueOf).Distinct().Count());

        using (var erasure = await coordinator.PostAsync($"/api/intake/clients/{erased.ClientId}/erasure", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, erasure.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{erased.ClientId}/erasure")).GetProperty("status").GetString() == "complete",
            "referrals and mediators to confirm the erasure in the tenant");
        Assert.Equal(HttpStatusCode.NotFound, (await homeCoordinator.GetAsync($"/api/intake/clients/{erased.ClientId}/erasure")).StatusCode);
        var left = await ScanAsync(erased.Values);
        Assert.True(left.Count == 0, $"still readable after erasure: {string.Join("; ", left)}");
        Assert.Equal(HttpStatusCode.Gone, (await caseworker.GetAsync($"/api/intake/clients/{erased.ClientId}")).StatusCode);

        // The other tenant's client, registered the same minute, is whole in every service.
        Assert.Equal(kept.Values.Length, (await ScanAsync(kept.Values)).Select(ValueOf).Distinct().Count());
        Assert.Equal(kept.Values[0], (await homeCaseworker.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{kept.ClientId}")).GetProperty("givenName").GetString());
        foreach (var service in new[] { "referrals", "mediators" })
        {
            var keptThere = await homeCaseworker.GetFromJsonAsync<JsonElement>($"/api/{service}/clients/{kept.ClientId}");
            var erasedThere = await caseworker.GetFromJsonAsync<JsonElement>($"/api/{service}/clients/{erased.ClientId}");
            Assert.Equal((service, false, true), (service, IsErased(keptThere), IsErased(erasedThere)));
        }
    }

    /// <summary>A tenant onboarded at intake, once referrals and mediators know it too.</summary>
    private async Task<string> OnboardedTenantAsync(HttpClient platform)
    {
        var tenant = $"e2e-{Gateway.UniqueName("")}";
        using (var onboarded = await platform.PostAsJsonAsync("/api/intake/tenants",
            new { tenantId = tenant, name = "Comunità Montana", timeZone = "Europe/Rome", defaultLanguage = "it", offices = new[] { "e2e-office" } }))
        {
            Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        }

        using var coordinator = await system.SignedInAsync("coordinator", office: null, tenant: tenant);
        foreach (var path in new[] { "/api/referrals/organisations", "/api/mediators/mediators" })
        {
            await Eventually.HoldsAsync(async () => (await coordinator.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"the tenant known at {path}");
        }

        return tenant;
    }

    /// <summary>A client with a need, arrived in referrals and mediators; <c>Values</c> are what identifies them, given name first.</summary>
    private static async Task<(Guid ClientId, string[] Values)> RegisteredWithNeedAsync(HttpClient caseworker)
    {
        var givenName = Gateway.UniqueName("Given");
        var familyName = Gateway.UniqueName("Family");
        var dateOfBirth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(365 * 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var need = $"Told us about {Gateway.UniqueName("secret")}";
        var clientId = await caseworker.RegisterAsync(givenName, familyName, dateOfBirth);
        await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "health", priority = "high", description = need }), "needId");
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await caseworker.GetAsync($"/api/referrals/clients/{clientId}");
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains(need, StringComparison.Ordinal);
        }, "the need in referrals");
        await caseworker.ArrivedAsync("mediators", clientId);
        return (clientId, [givenName, familyName, dateOfBirth, need]);
    }

    /// <summary>Every database of every service, the tenants' own included.</summary>
    private Task<IReadOnlyList<string>> ScanAsync(IReadOnlyCollection<string> values) => system.Environment.ScanForPersonalDataAsync(Services, values);

    private static bool IsErased(JsonElement client) => client.TryGetProperty("erasedAt", out var erasedAt) && erasedAt.ValueKind == JsonValueKind.String;

    private static string ValueOf(string hit) => hit.Split(": ")[1];
}
