using System.Net;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integration.Platform.Tests;

/// <summary>
/// A service believes X-Forwarded-* only from a proxy on a trusted network (loopback, and
/// <c>ForwardedHeaders:TrustedNetworks</c>), and then takes the right-most address no trusted proxy
/// added: a caller that reaches a service directly cannot pick its address or its public path.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string MadeUp = "6.6.6.6";
    private const string Client = "198.51.100.9";

    [Theory]
    [InlineData("203.0.113.7", null, "203.0.113.7", "")]
    [InlineData("127.0.0.1", null, Client, "/api/intake")]
    [InlineData("10.1.2.3", null, "10.1.2.3", "")]
    [InlineData("10.1.2.3", "10.0.0.0/8", Client, "/api/intake")]
    public async Task forwarded_headers_count_only_from_a_trusted_proxy(string peer, string? trustedNetwork, string client, string pathBase)
    {
        var builder = WebApplication.CreateBuilder();
        if (trustedNetwork is not null)
        {
            builder.Configuration["ForwardedHeaders:TrustedNetworks:0"] = trustedNetwork;
        }

        builder.AddServiceDefaults("forwarding-test");
        await using var app = builder.Build();
        var http = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(peer) } };
        http.Request.Headers["X-Forwarded-For"] = $"{MadeUp}, {Client}";
        http.Request.Headers["X-Forwarded-Prefix"] = "/api/intake";
        var forwarded = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance,
            app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());

        await forwarded.Invoke(http);

        Assert.Equal(client, http.Connection.RemoteIpAddress?.ToString());
        Assert.Equal(pathBase, http.Request.PathBase.Value ?? "");
    }
}
