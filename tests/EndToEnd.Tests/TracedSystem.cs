using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// The running system as an operator chasing a problem might run it: every log category at Trace
/// and OpenTelemetry exported over OTLP (traces, logs and metrics, flushed every 200 ms) to a
/// collector stand-in that keeps every request body. Every line each process writes is kept too.
/// </summary>
public sealed class TracedSystem : RunningSystem
{
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> exports = new();
    private WebApplication? collector;

    protected override IReadOnlyDictionary<string, string> CommonSettings => new Dictionary<string, string>(TelemetryCapture.TraceEverywhere)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector!.Urls.Single(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    protected override int OutputLines => int.MaxValue;

    /// <summary>Every OTLP export received so far, by signal, as the protobuf bytes that came (ids are bytes there, not hex).</summary>
    public IReadOnlyList<(string Signal, byte[] Body)> RawExports => [.. exports];

    /// <summary>Every OTLP export received so far, by signal (<c>traces</c>, <c>logs</c>, <c>metrics</c>), as text.</summary>
    public IReadOnlyList<(string Signal, string Text)> Exports => [.. exports.Select(export => (export.Signal, Encoding.UTF8.GetString(export.Body)))];

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            exports.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (collector is not null)
        {
            await collector.DisposeAsync();
        }
    }
}
