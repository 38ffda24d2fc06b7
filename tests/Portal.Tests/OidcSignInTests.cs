using System.Diagnostics.CodeAnalysis;
using System.Net;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Portal.Tests;

/// <summary>
/// The portal's production sign-in, the OpenID Connect code flow with PKCE, against a provider on a
/// loopback port: staff are sent to the provider, come back signed in with its claims, and the
/// portal calls the API with the access token the provider issued for them.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class OidcSignInTests : IAsyncLifetime
{
    private StandInIdentityProvider provider = null!;
    private WebApplication api = null!;
    private PortalFactory portal = null!;
    private string? authorizationSeenByApi;

    public async Task InitializeAsync()
    {
        provider = await StandInIdentityProvider.StartAsync();
        provider.User = new TokenRequest("oidc-coordinator", "coordinator", null, null, "Lucia Marino");
        api = await StartRecordingApiAsync();
        portal = new PortalFactory(new Dictionary<string, string>
        {
            ["Portal:Oidc:Authority"] = provider.Authority,
            ["Portal:Oidc:ClientId"] = StandInIdentityProvider.ClientId,
            ["Portal:Oidc:ClientSecret"] = StandInIdentityProvider.ClientSecret,
            ["Portal:Oidc:RequireHttpsMetadata"] = "false",
            ["Portal:ApiBaseUrl"] = $"{Address(api)}/",
        });
    }

    [Fact]
    public async Task staff_sign_in_at_the_provider_and_the_portal_calls_the_api_with_the_token_it_issued()
    {
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
        });
        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var challenge = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"{provider.Authority}/authorize?", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var authorized = await toProvider.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        using var callback = await browser.GetAsync(authorized.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/dashboard", callback.Headers.Location!.OriginalString);

        var home = await browser.GetStringAsync("/");
        Assert.Contains("Signed in as Lucia Marino (coordinator)", home, StringComparison.Ordinal);
        using var download = await browser.GetAsync("/download/caseload.csv");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"Bearer {Assert.Single(provider.IssuedAccessTokens)}", authorizationSeenByApi);
    }

    [Fact]
    public async Task without_a_session_the_api_is_not_called_and_the_browser_is_sent_to_the_provider()
    {
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
        });

        using var download = await browser.GetAsync("/download/caseload.csv");

        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.StartsWith($"{provider.Authority}/authorize?", download.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(authorizationSeenByApi);
    }

    public async Task DisposeAsync()
    {
        await portal.DisposeAsync();
        await api.DisposeAsync();
        await provider.DisposeAsync();
    }

    /// <summary>Stands where the gateway would be: answers the caseload download and remembers the Authorization header.</summary>
    private async Task<WebApplication> StartRecordingApiAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/referrals/caseload.csv", (HttpRequest request) =>
        {
            authorizationSeenByApi = request.Headers.Authorization.ToString();
            return Results.Text("status,count\n", "text/csv");
        });
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private sealed class PortalFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<PortalService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
