using Integration.DemoSeed;

// Seeds a living demo through the gateway, once (skipped when intake already has clients): three offices,
// a dozen partner organisations covering every need domain, mediators in eighteen languages, and clients
// whose referrals stand in every status of the closed loop; and a second tenant, a consortium of small towns with its own
// directory, clients and mediator. Usage: DemoSeed [gateway URL]
var gatewayUrl = new Uri(args.Length > 0 ? args[0] : "http://localhost:8080");
using var gateway = new Gateway(new HttpClient { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30) });
try
{
    await new Demo(gateway, gatewayUrl, Console.Error).SeedAsync();
}
catch (GatewayRefused refused)
{
    Console.Error.WriteLine($"Seeding the demo failed: {refused.Message}");
    return 1;
}

return 0;
