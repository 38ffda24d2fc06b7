using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Integration.ServiceDefaults;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry, exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The HTTP instrumentations redact query-string
    /// values by default (searches carry names), and no request body is ever recorded.
    /// </summary>
    public static WebApplicationBuilder AddIntegrationTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = IsNotHealthProbe)
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsNotHealthProbe(HttpContext context) => !context.Request.Path.StartsWithSegments("/health");
}
