using System.Net;
using Integration.Portal.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

public sealed class AccessTokenHandlerTests
{
    [Fact]
    public async Task api_calls_carry_the_browsers_address_so_the_gateway_limits_each_person_not_the_portal()
    {
        var http = new DefaultHttpContext { RequestServices = Services() };
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var sent = new CapturingHandler();
        using var client = new HttpClient(new AccessTokenHandler(new HttpContextAccessor { HttpContext = http }) { InnerHandler = sent });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://gateway/api/intake/clients");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.1");

        using var response = await client.SendAsync(request);

        Assert.Equal(["203.0.113.7"], sent.Request!.Headers.GetValues("X-Forwarded-For"));
        Assert.Null(sent.Request.Headers.Authorization);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        return services.BuildServiceProvider();
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
