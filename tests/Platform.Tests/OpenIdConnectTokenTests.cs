using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using Integration.ServiceDefaults;

namespace Integration.Platform.Tests;

/// <summary>
/// Production token validation against an OpenID Connect provider on a loopback port: the gateway
/// (and every service, with the same <c>AddTokenValidation</c>) reads the provider's keys from its
/// discovery document and accepts its tokens, and only its tokens.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class OpenIdConnectTokenTests : IAsyncLifetime
{
    private static readonly TokenRequest Coordinator = new("oidc-coordinator", "coordinator", null, null, "Elena Conti");

    private StandInIdentityProvider provider = null!;
    private GatewayFactory gateway = null!;

    public async Task InitializeAsync()
    {
        provider = await StandInIdentityProvider.StartAsync();
        gateway = new GatewayFactory("Production", new Dictionary<string, string>
        {
            ["Auth:Authority"] = provider.Authority,
            ["Auth:RequireHttpsMetadata"] = "false",
        });
    }

    [Fact]
    public async Task a_token_of_the_configured_provider_passes_the_gateway()
    {
        using var response = await SendAsync(provider.AccessTokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task a_token_signed_with_a_key_the_provider_does_not_publish_is_refused()
    {
        using var response = await SendAsync(provider.ForgedAccessTokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task a_development_token_is_refused_in_production()
    {
        using var response = await SendAsync(TestTokens.For("coordinator"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await provider.DisposeAsync();
    }

    /// <summary>A protected path: nothing listens behind the gateway, so a request it lets through ends as 502.</summary>
    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.GetAsync("/api/intake/clients?q=amina");
    }
}
