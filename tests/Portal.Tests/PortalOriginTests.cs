using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integration.Portal.Tests;

/// <summary>With its public address configured, the portal's redirects go there whatever host a request names.</summary>
public sealed class PortalOriginTests
{
    [Fact]
    public async Task a_made_up_host_does_not_move_the_sign_in_redirect_elsewhere()
    {
        await using var portal = new PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");

        using var response = await browser.GetAsync(new Uri("/clients", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://integration.example.org/signin", response.Headers.Location?.AbsoluteUri, StringComparison.Ordinal);
    }

    private sealed class PortalFactory : WebApplicationFactory<PortalService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Portal:ApiBaseUrl", "http://127.0.0.1:9/");
            builder.UseSetting("Portal:PublicOrigin", "https://integration.example.org");
        }
    }
}
