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
    [Fact]
    public async Task a_tenants_client_reaches_referrals_and_mediators_in_that_tenant_only()
    {
        var tenant = $"e2e-{Gateway.UniqueName("")}";
        using var platform = await system.SignedInAsync("platform_admin", office: null);
        using (var onboarded = await platform.PostAsJsonAsync("/api/intake/tenants",
            new { tenantId = tenant, name = "Comunità Montana", timeZone = "Europe/Rome", defaultLanguage = "it", offices = new[] { "e2e-office" } }))
        {
            Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        }

        using var caseworker = await system.SignedInAsync("caseworker", tenant: tenant);
        using var coordinator = await system.SignedInAsync("coordinator", office: null, tenant: tenant);
        using var homeCoordinator = await system.SignedInAsync("coordinator", office: null);
        foreach (var path in new[] { "/api/referrals/organisations", "/api/mediators/mediators" })
        {
            await Eventually.HoldsAsync(async () => (await coordinator.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"the tenant known at {path}");
        }

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
}
