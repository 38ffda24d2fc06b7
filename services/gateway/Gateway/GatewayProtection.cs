using System.Globalization;
using System.Threading.RateLimiting;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Integration.Gateway;

/// <summary>The <c>Gateway</c> configuration section: how much one caller may ask of the system.</summary>
public sealed record GatewayLimits(int RequestsPerUser, int RequestsPerAddress, TimeSpan Window, long MaxRequestBodyBytes)
{
    public static GatewayLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway");
        return new GatewayLimits(
            section.GetValue("RateLimits:PerUser", 600),
            section.GetValue("RateLimits:PerAddress", 1200),
            section.GetValue("RateLimits:Window", TimeSpan.FromMinutes(1)),
            section.GetValue("MaxRequestBodyBytes", 1024L * 1024));
    }
}

/// <summary>
/// What the gateway does before anything reaches a service: a valid token on every API path but
/// the public ones, per-user and per-address rate limits (429 with <c>Retry-After</c>), a request
/// body limit (413), security headers, and no CORS (none is configured, so browsers refuse
/// cross-origin calls).
/// </summary>
internal static class GatewayProtection
{

    public static WebApplicationBuilder AddGatewayProtection(this WebApplicationBuilder builder)
    {
        var limits = GatewayLimits.From(builder.Configuration);
        builder.Services.AddSingleton(limits);
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                    || (context.Resource is HttpContext http && IsPublic(http.Request.Path)))
                .Build());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        var trusted = builder.Configuration.GetSection("Gateway:TrustedNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The gateway is the public edge: only the ingress in front of it (Gateway:TrustedNetworks, not the
            // services' ForwardedHeaders:TrustedNetworks) may say who the client is. Otherwise a made-up
            // X-Forwarded-For would give every request a rate-limit partition of its own.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in ServiceDefaultsExtensions.LoopbackNetworks.Concat(trusted))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => http.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetFixedWindowLimiter($"user:{http.User.Actor()}", _ => Window(limits.RequestsPerUser, limits.Window))
                    : RateLimitPartition.GetNoLimiter("anonymous")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetFixedWindowLimiter($"address:{http.Connection.RemoteIpAddress}", _ => Window(limits.RequestsPerAddress, limits.Window))));
        });
        return builder;
    }

    /// <summary>Order matters: headers on every answer, the body limit before anything reads the body, users known before they are counted.</summary>
    public static WebApplication UseGatewayProtection(this WebApplication app)
    {
        app.Use(SecurityHeadersAsync);
        app.Use(LimitBodyAsync);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Paths anyone may call: everything outside <c>/api</c> (the portal signs users in itself,
    /// health, the development token), and under <c>/api</c> the services' health, OpenAPI documents
    /// and the published HSDS directory.
    /// </summary>
    public static bool IsPublic(PathString path)
    {
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return true;
        }

        var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && (segments[1] is "health" or "openapi"
            || (segments[0] == "referrals" && segments[1] == "hsds"));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests; wait and retry." },
        });
    }

    /// <summary>
    /// 413 at once when the declared length is over the limit; a body without a declared length is
    /// cut off by Kestrel's own limit while it streams.
    /// </summary>
    private static async Task LimitBodyAsync(HttpContext http, RequestDelegate next)
    {
        var limits = http.RequestServices.GetRequiredService<GatewayLimits>();
        if (http.Request.ContentLength > limits.MaxRequestBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = $"The request body is larger than {limits.MaxRequestBodyBytes} bytes.",
                },
            });
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        }

        await next(http);
    }

    /// <summary>
    /// On every answer: no sniffing, no framing, no referrer, no powerful browser features. API
    /// answers carry personal data, so they are never cached and may load nothing.
    /// </summary>
    private static Task SecurityHeadersAsync(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(http);
    }
}
