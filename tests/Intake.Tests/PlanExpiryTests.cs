using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
