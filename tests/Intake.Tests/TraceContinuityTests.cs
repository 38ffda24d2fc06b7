using System.Collections.Concurrent;
using System.Diagnostics;
using Integration.Eventing;

namespace Integration.Intake.Tests;

/// <summary>
/// One trace from a request to the messages it causes, and no trace from polling that finds nothing: what a
/// tracing backend shows an operator following a registration.
/// </summary>
public sealed class TraceContinuityTests(IntakeFixture intake) : IClassFixture<IntakeFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private ActivityListener? listener;

    [Fact]
    public async Task the_integration_event_of_a_registration_is_published_in_the_registrations_trace()
    {
        Listen("MassTransit", EventTrace.SourceName);
        var traceId = ActivityTraceId.CreateRandom();
        using var desk = intake.CreateClient().As("frontdesk");
        desk.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        await desk.RegisterAsync(IntakeApi.NewClient("Ruta", IntakeApi.UniqueName(), "1994-10-10"));

        await Eventually.HoldsAsync(() => Task.FromResult(stopped.Any(activity => activity.Source.Name == "MassTransit" && activity.TraceId == traceId)),
            "MassTransit to publish ClientRegistered in the request's trace");
        Assert.Contains(stopped, activity => activity.Source.Name == EventTrace.SourceName && activity.TraceId == traceId);
    }

    [Fact]
    public async Task the_daemon_polling_an_idle_store_starts_no_database_span()
    {
        Listen("Npgsql");

        await Task.Delay(TimeSpan.FromSeconds(3));

        // Only this fixture's schema: other test classes' requests in this process are traced as they should be.
        var polls = stopped.Where(activity => activity.Parent is null && activity.ParentSpanId == default
            && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString()?.Contains(intake.Schema, StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(polls.Count == 0, $"{polls.Count} root database spans while idle, e.g. {polls.FirstOrDefault()?.DisplayName}");
    }

    public void Dispose() => listener?.Dispose();

    private void Listen(params string[] sources)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }
}
