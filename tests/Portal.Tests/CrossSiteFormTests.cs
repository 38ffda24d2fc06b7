using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integration.Portal.Tests;

/// <summary>
/// Another site cannot post the portal's sign-in and sign-out forms: without the antiforgery token the
/// portal's own pages put in them, the post is refused and nobody is signed in or out.
/// </summary>
public sealed class CrossSiteFormTests
{
    [Theory]
    [InlineData("Production", "/auth/signout")]
    [InlineData("Development", "/auth/signout")]
    [InlineData("Development", "/auth/dev-signin")]
    public async Task a_form_posted_from_another_site_is_refused(string environment, string path)
    {
        await using var portal = new PortalFactory(environment);
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["subject"] = "desk-milan-central", ["returnUrl"] = "/" });

        using var response = await browser.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("antiforgery_failed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(cookie => cookie.Contains(".AspNetCore.Cookies", StringComparison.Ordinal)));
    }

    private sealed class PortalFactory(string environment) : WebApplicationFactory<PortalService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Portal:ApiBaseUrl", "http://127.0.0.1:9/");
        }
    }
}
