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
    /// values by default (searches carry names), no request body is ever recorded, and the log
    /// categories that print URLs stay at Warning.
    /// </summary>
    public static WebApplicationBuilder AddIntegrationTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // These categories write request URLs with their query strings (searches carry names and
        // dates of birth) at Information and below. Named exactly, so a broader verbosity setting
        // ("Microsoft.AspNetCore": "Debug") does not bring them back.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        // Redaction stays on whatever the environment says: Aspire's orchestrator turns it off for local runs.
        foreach (var instrumentation in new[] { "HTTPCLIENT", "ASPNETCORE" })
        {
            builder.Configuration[$"OTEL_DOTNET_EXPERIMENTAL_{instrumentation}_DISABLE_URL_QUERY_REDACTION"] = "false";
        }

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
