using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class RelayTests(RunningSystem system)
{
    private const int ClientsWhileDown = 25;
    /// <summary>The store's id of the default tenant (Marten's own), whose clients the default coordinator counts.</summary>
    private const string DefaultTenant = "*DEFAULT*";

    [Fact]
    public async Task clients_registered_while_referrals_is_down_each_arrive_exactly_once_when_it_returns()
    {
        using var http = await system.SignedInAsync("caseworker");
        await system.Referrals.StopAsync();
        var registered = new List<Guid>();
        try
        {
            for (var i = 0; i < ClientsWhileDown; i++)
            {
                registered.Add(await http.RegisterAsync(Gateway.UniqueName("Given"), Gateway.UniqueName("Offline"), "1990-01-01"));
            }
        }
        finally
        {
            await system.Referrals.StartAsync();
            await system.Referrals.WaitUntilReadyAsync();
        }

        foreach (var clientId in registered)
        {
            var client = await http.ArrivedAsync("referrals", clientId);
            Assert.Equal(1, client.GetProperty("version").GetInt32());
        }

        // Every office's clients: only a coordinator's list holds them all, and only the default tenant's (other tests onboard tenants).
        using var coordinator = await system.SignedInAsync("coordinator");
        var intakeClients = await system.Environment.CountRowsAsync("intake", "mt_doc_client", DefaultTenant);
        await Eventually.HoldsAsync(async () => await TotalAsync(coordinator, "referrals") == intakeClients, "referrals to hold every intake client");
        Assert.Equal(intakeClients, await system.Environment.CountRowsAsync("referrals", "mt_doc_clientreference", DefaultTenant));
        await Eventually.HoldsAsync(async () => await TotalAsync(coordinator, "mediators") == intakeClients, "mediators to hold every intake client");
        Assert.Equal(intakeClients, await system.Environment.CountRowsAsync("mediators", "mt_doc_clientreference", DefaultTenant));
    }

    private static async Task<long> TotalAsync(HttpClient http, string service) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/{service}/clients?pageSize=1")).GetProperty("total").GetInt64();
}
