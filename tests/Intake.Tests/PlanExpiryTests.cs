using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Eventing;
using Integration.Intake.Plans.Expiring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Intake.Tests;

/// <summary>Intake with a clock the tests move: plans expire by the sweep on the store, not by waiting.</summary>
public sealed class ClockedIntakeFixture : ServiceFixture<IntakeService>
{
    public ClockedIntakeFixture()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private ClockedIntakeFixture(FakeTimeProvider clock)
        : base(IntakeService.Name, configureServices: services => services.AddSingleton<TimeProvider>(clock))
    {
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public PlanExpirySweep PlanExpiry => Services.GetServices<IHostedService>().OfType<PlanExpirySweep>().Single();
}

public sealed class PlanExpiryTests(ClockedIntakeFixture intake) : IClassFixture<ClockedIntakeFixture>
{
    [Fact]
    public async Task a_plan_whose_end_date_passed_expires_by_itself_and_takes_no_more_changes()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await PlanTests.ClientWithNeedAsync(worker);
        var agreedPlan = await PlanTests.DraftAsync(worker, clientId, PlanTests.PlanBody(needId, null, endsOn: PlanTests.Day(30)));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{agreedPlan}/agree", PlanTests.Agreement())).StatusCode);
        var longPlan = await PlanTests.DraftAsync(worker, clientId, PlanTests.PlanBody(needId, null, endsOn: PlanTests.Day(300)));

        await intake.PlanExpiry.SweepAsync(CancellationToken.None);
        Assert.Equal("agreed", await StatusAsync(worker, clientId, agreedPlan));
        intake.Clock.Advance(TimeSpan.FromDays(31));
        await intake.PlanExpiry.SweepAsync(CancellationToken.None);

        Assert.Equal("expired", await StatusAsync(worker, clientId, agreedPlan));
        Assert.Equal("draft", await StatusAsync(worker, clientId, longPlan));
        await (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{agreedPlan}/close", new { outcome = "other" }))
            .ProblemAsync(HttpStatusCode.Conflict, "plan_closed");
        var timeline = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline");
        var expired = timeline.GetProperty("items").EnumerateArray().First();
        Assert.Equal(("plan.expired", "System"), (expired.GetProperty("type").GetString(), expired.GetProperty("by").GetProperty("name").GetString()));
        await intake.PlanExpiry.SweepAsync(CancellationToken.None);
        var plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{agreedPlan}");
        Assert.Equal(3, plan.GetProperty("streamVersion").GetInt32());
    }

    private static async Task<string?> StatusAsync(HttpClient worker, Guid clientId, Guid planId) =>
        (await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}")).GetProperty("status").GetString();
}

/// <summary>What a tracing backend shows of the sweeps: a trace for a run that acts, none for a run that finds nothing.</summary>
public sealed class SweepTraceTests(ClockedIntakeFixture intake) : IClassFixture<ClockedIntakeFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name is PeriodicSweep.ActivitySourceName or "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task a_sweep_that_expires_a_plan_is_one_trace_with_its_writes_and_a_sweep_that_finds_nothing_is_none()
    {
        listener.ActivityStopped = stopped.Enqueue;
        ActivitySource.AddActivityListener(listener);
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await PlanTests.ClientWithNeedAsync(worker);
        var planId = await PlanTests.DraftAsync(worker, clientId, PlanTests.PlanBody(needId, null, endsOn: PlanTests.Day(30)));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", PlanTests.Agreement())).StatusCode);
        stopped.Clear();

        // Moving the clock also wakes the service's own timer: whichever run comes first expires the plan.
        intake.Clock.Advance(TimeSpan.FromDays(31));
        await intake.PlanExpiry.SweepAsync(CancellationToken.None);

        // Both runs may have found the deadline; the one that lost the race acted too (it tried to write).
        var sweeps = stopped.Where(activity => activity.DisplayName == "sweep PlanExpirySweep").ToList();
        Assert.NotEmpty(sweeps);
        Assert.All(sweeps, sweep => Assert.Equal(default, sweep.ParentSpanId));
        Assert.Contains(stopped, activity => activity.Source.Name == "Npgsql" && sweeps.Any(sweep => activity.ParentSpanId == sweep.SpanId));
        // The service's own run may still be ending: only a run that starts from here counts.
        var nothingDue = DateTime.UtcNow;

        await intake.PlanExpiry.SweepAsync(CancellationToken.None);

        Assert.DoesNotContain(stopped, activity => activity.DisplayName == "sweep PlanExpirySweep" && activity.StartTimeUtc >= nothingDue);
    }

    public void Dispose() => listener.Dispose();
}
