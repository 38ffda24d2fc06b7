using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Integration.Testing;

/// <summary>
/// Everything a hosted service writes to logs and spans, for the tests that prove no personal data
/// leaves in telemetry: its settings turn every category up to Trace, as an operator chasing a
/// problem might, and <see cref="Register"/> adds a provider that keeps every log line.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> TraceEverywhere =
        new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "System", "Marten", "Npgsql", "MassTransit" }
            .ToDictionary(category => $"Logging:LogLevel:{category}", _ => "Trace");

    private readonly ConcurrentQueue<string> logs = new();
    private readonly ConcurrentQueue<string> spans = new();
    private ActivityListener? listener;

    /// <summary>Adds the capturing log provider to a host.</summary>
    public void Register(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(new Provider(logs));

    /// <summary>Starts keeping every span that ends in this process from now on.</summary>
    public void RecordSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>
    /// Fails with the offending lines when any of <paramref name="secrets"/> appears in a log line or
    /// a span; also when nothing was captured (Marten's command log at Debug proves the verbosity).
    /// </summary>
    public void AssertNoneOf(params string[] secrets)
    {
        Assert.False(spans.IsEmpty, "no span was recorded");
        Assert.Contains(logs, line => line.Contains("Marten executed:", StringComparison.Ordinal));
        var written = logs.Concat(spans).ToList();
        foreach (var secret in secrets)
        {
            var leaks = written.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(line => line[..Math.Min(line.Length, 500)]);
            Assert.False(leaks.Any(), $"'{secret}' appears in the telemetry: {string.Join(Environment.NewLine, leaks)}");
        }
    }

    public void Dispose() => listener?.Dispose();

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder().Append(activity.Source.Name).Append(' ').Append(activity.DisplayName).Append(' ').Append(activity.StatusDescription);
        foreach (var (key, value) in activity.TagObjects)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }

        foreach (var e in activity.Events)
        {
            text.Append(' ').Append(e.Name);
            foreach (var (key, value) in e.Tags)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }
        }

        return Uri.UnescapeDataString(text.ToString());
    }

    private sealed class Provider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
        }
    }
}
