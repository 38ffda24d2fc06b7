using Integration.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integration.Platform.Tests;

/// <summary>
/// The gateway in the test process. Nothing listens behind it: a request the gateway lets through
/// ends as 502, one it stops never gets that far. Production gets an (unreachable) OpenID
/// Connect authority instead of the development key.
/// </summary>
internal sealed class GatewayFactory(string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<GatewayService>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (environment == "Production")
        {
            builder.UseSetting("Auth:DevelopmentSigningKey", "");
            builder.UseSetting("Auth:Authority", "https://login.example.org/realms/integration");
        }
        else
        {
            builder.UseSetting("Auth:DevelopmentSigningKey", TestTokens.SigningKey);
        }

        foreach (var cluster in new[] { "intake", "referrals", "mediators", "portal" })
        {
            builder.UseSetting($"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address", "http://127.0.0.1:9/");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
