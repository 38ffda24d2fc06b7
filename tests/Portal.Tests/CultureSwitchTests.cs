using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integration.Portal.Tests;

/// <summary><c>/culture</c>: a supported language is remembered in a cookie; anything else changes nothing, and the way back stays on this site.</summary>
public sealed class CultureSwitchTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task italian_is_remembered_and_the_browser_goes_back_where_it_was()
    {
        using var response = await SendAsync("/culture?culture=it&returnUrl=%2Fclients");

        Assert.Equal("/clients", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("c%3Dit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/culture?culture=xx&returnUrl=%2Fclients", "/clients")]
    [InlineData("/culture?culture=it&returnUrl=%2F%2Fevil.example", "/")]
    [InlineData("/culture?culture=it&returnUrl=%2F%5Cevil.example", "/")]
    [InlineData("/culture?culture=it&returnUrl=https%3A%2F%2Fevil.example", "/")]
    [InlineData("/culture?culture=it&returnUrl=%2F%09%2Fevil.example", "/")]
    [InlineData("/culture?culture=it&returnUrl=%2F%0D%0ASet-Cookie%3A%20x%3D1", "/")]
    [InlineData("/culture?culture=it&returnUrl=%2F%E2%80%AE%2Fevil", "/")]
    public async Task an_unknown_culture_sets_nothing_and_a_return_address_off_this_site_leads_home(string path, string expected)
    {
        using var response = await SendAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        if (path.Contains("culture=xx", StringComparison.Ordinal))
        {
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    public void Dispose() => portal.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string path)
    {
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await browser.GetAsync(path);
    }

    private sealed class PortalFactory : WebApplicationFactory<PortalService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Portal:ApiBaseUrl", "http://127.0.0.1:9/");
        }
    }
}
