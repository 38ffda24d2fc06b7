using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Intake.Tests;

/// <summary>
/// Intake with every log line captured and verbosity turned up to Trace for every category, as an
/// operator chasing a problem might: what the service writes then must still hold no personal data.
/// </summary>
public sealed class CapturedTelemetryFixture() : ServiceFixture<IntakeService>(IntakeService.Name,
    settings: new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "System", "Marten", "Npgsql", "MassTransit" }
        .ToDictionary(category => $"Logging:LogLevel:{category}", _ => "Trace"),
    configureServices: services => services.AddSingleton<ILoggerProvider>(Logs))
{
    public static readonly CapturingLoggerProvider Logs = new();
}

public sealed class TelemetryPrivacyTests(CapturedTelemetryFixture intake) : IClassFixture<CapturedTelemetryFixture>, IDisposable
{
    private readonly ConcurrentQueue<string> spans = new();
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = _ => true,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task a_front_desk_journey_leaves_no_personal_data_in_logs_or_spans()
    {
        listener.ActivityStopped = activity => spans.Enqueue(Describe(activity));
        ActivitySource.AddActivityListener(listener);
        var familyName = IntakeApi.UniqueName();
        const string givenName = "Quirinaldo";
        const string document = "ZQ-7781234";
        const string phone = "+39 351 998 7766";
        const string email = "quirinaldo@example.org";
        using var desk = intake.CreateClient().As("frontdesk");
        using var caseworker = intake.CreateClient().As("caseworker");
        var body = IntakeApi.NewClient(givenName, familyName, "1987-03-14");
        body["legalStatus"] = new { category = "refugee", documentNumber = document, validUntil = "2031-01-31" };
        body["phone"] = phone;
        body["email"] = email;

        using (var check = await desk.PostAsJsonAsync("/clients/duplicate-check", new { givenName, familyName, dateOfBirth = "1987-03-14" }))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        var clientId = await desk.RegisterAsync(body);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients?q={Uri.EscapeDataString($"{givenName} {familyName}")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients?documentNumber={Uri.EscapeDataString(document)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/clients?dateOfBirth=1987-03-14")).StatusCode);
        var (_, etag) = await desk.GetClientAsync(clientId);
        using (var contact = await caseworker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact",
            new { phone = "+39 351 000 1122", email, address = new { municipality = "Milano" } }, etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, contact.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/clients/{clientId}/history")).StatusCode);
        var bad = new Dictionary<string, object?>(body) { ["dateOfBirth"] = "14/03/1987", ["familyName"] = familyName + "x" };
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsJsonAsync("/clients", bad)).StatusCode);
        using (var duplicate = await desk.PostAsJsonAsync("/clients", body))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        var written = CapturedTelemetryFixture.Logs.Lines.Concat(spans).ToList();
        Assert.True(!spans.IsEmpty, "spans were captured");
        Assert.Contains(CapturedTelemetryFixture.Logs.Lines, line => line.Contains("Marten executed: insert into", StringComparison.Ordinal));
        foreach (var secret in new[] { givenName, familyName, document, "7781234", "351 998", "3519987766", email, "1987-03-14", "14/03/1987", "03/14/1987" })
        {
            var leaks = written.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(line => line[..Math.Min(line.Length, 500)]);
            Assert.False(leaks.Any(), $"'{secret}' appears in the telemetry: {string.Join(Environment.NewLine, leaks)}");
        }
    }

    public void Dispose() => listener.Dispose();

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
}

/// <summary>Keeps every log line a host writes: message, structured values and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
        }
    }
}
