using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Integration.ServiceDefaults;

/// <summary>
/// What every process of the system shares: telemetry, health, problem details, JSON, correlation
/// ids and resilient outgoing HTTP. APIs add <see cref="AddApiDefaults"/> on top.
/// </summary>
public static partial class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddIntegrationTelemetry(serviceName);

        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddCodeAndTrace);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DomainRuleExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // Binding failures throw so that BadRequestExceptionHandler can name the offending field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        var trusted = builder.Configuration.GetSection("ForwardedHeaders:TrustedNetworks").GetChildren().Select(network => network.Value).OfType<string>();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The gateway sets X-Forwarded-* (the prefix makes Location headers carry the public path).
            // Only a proxy on a trusted network may say so: loopback, and ForwardedHeaders:TrustedNetworks
            // (the gateway's pod network in Kubernetes). Anyone else's headers are ignored, and the client
            // is the right-most address no trusted proxy added (no limit on the hops walked).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            options.ForwardLimit = null;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in LoopbackNetworks.Concat(trusted))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    private const string ForwardedPrefixHeader = "X-Forwarded-Prefix";

    /// <summary>The networks every process trusts forwarded headers from: its own host.</summary>
    public static readonly IReadOnlyList<string> LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>One or more path segments of letters, digits, '-', '_' and '.', each after a single '/'.</summary>
    [GeneratedRegex("^(/[A-Za-z0-9._-]+)+$")]
    private static partial Regex SafePrefix();

    /// <summary>JSON as the public API speaks it: camelCase, enums as snake_case strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // A number is a number: the web default also reads "75" for 75, and the OpenAPI documents then
        // describe every integer as "integer or string with a pattern", which client generators mistype.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    /// <summary>
    /// Middleware every process runs first: forwarded headers, correlation id, problem details for
    /// exceptions and for empty error responses.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // The gateway sends a path such as /api/intake; anything else (//evil.example, a backslash,
            // a control character) would turn every Location this service writes into a link elsewhere.
            if (context.Request.Headers[ForwardedPrefixHeader].ToString() is { Length: > 0 } prefix && !SafePrefix().IsMatch(prefix))
            {
                context.Request.Headers.Remove(ForwardedPrefixHeader);
            }

            // A JSON body can be read again: when binding it fails on one field, the problem names every field that is wrong.
            if (context.Request.HasJsonContentType())
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> runs the checks
    /// tagged <see cref="ReadyTag"/> (PostgreSQL, RabbitMQ). They are the orchestrator's, not the API's, so the
    /// OpenAPI documents leave them out.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
