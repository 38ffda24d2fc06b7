using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntakeEvents = Integration.Intake.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

/// <summary>A plan action names the funding stream that pays for it, as referrals announced the stream, on the day it falls due.</summary>
public sealed class PlanFundingTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task an_action_names_a_stream_that_runs_when_it_falls_due_and_a_wrong_stream_is_a_field_error_that_stores_nothing()
    {
        var code = await AnnouncedStreamAsync();
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await PlanTests.ClientWithNeedAsync(worker);
        var choices = await worker.GetFromJsonAsync<JsonElement>("/funding-streams?pageSize=200");
        var choice = Assert.Single(choices.GetProperty("items").EnumerateArray(), item => item.GetProperty("code").GetString() == code);
        Assert.Equal("European Social Fund Plus", choice.GetProperty("name").GetString());
        await Problems.AssertFieldErrorAsync(await worker.GetAsync("/funding-streams?pageSize=500"), "pageSize");
        using (var partner = intake.CreateClient().As("partner"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/funding-streams")).StatusCode);
        }


        using var unknown = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", Plan(needId, "NONE-1", dueInDays: 10));
        Assert.Equal("unknown_funding_stream", await unknown.FieldErrorCodeAsync("actions[0].fundingStream"));
        using var afterTheEnd = await worker.PostAsJsonAsync($"/clients/{clientId}/plans", Plan(needId, code, dueInDays: 90));
        Assert.Equal("funding_stream_not_current", await afterTheEnd.FieldErrorCodeAsync("actions[0].fundingStream"));
        Assert.Equal(0, (await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans")).GetProperty("total").GetInt32());

        var planId = await PlanTests.DraftAsync(worker, clientId, Plan(needId, code.ToLowerInvariant(), dueInDays: 10));

        var plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}");
        var actions = plan.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(code, actions[0].GetProperty("fundingStream").GetString());
        Assert.False(actions[1].TryGetProperty("fundingStream", out _));
    }

    [Fact]
    public async Task a_goal_achieved_and_an_action_done_that_a_stream_pays_for_are_published_for_the_funders_report_and_unpaid_ones_are_not()
    {
        var code = await AnnouncedStreamAsync();
        using var worker = intake.CreateClient().As("caseworker");
        var (clientId, needId) = await PlanTests.ClientWithNeedAsync(worker);
        await using var goals = await PublishedMessages.ListenAsync<IntakeEvents.PlanGoalAchieved>(intake.Environment.Bus);
        await using var actionsDone = await PublishedMessages.ListenAsync<IntakeEvents.PlanActionDone>(intake.Environment.Bus);
        var planId = await PlanTests.DraftAsync(worker, clientId, Plan(needId, code, dueInDays: 10));
        var plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/plans/{planId}");
        var goalId = plan.GetProperty("goals")[0].GetProperty("goalId").GetGuid();
        var (paid, unpaid) = (plan.GetProperty("actions")[0].GetProperty("actionId").GetGuid(), plan.GetProperty("actions")[1].GetProperty("actionId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/agree", PlanTests.Agreement())).StatusCode);

        foreach (var action in new[] { unpaid, paid })
        {
            using var done = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/actions/{action}/done", new { doneOn = PlanTests.Day(0) });
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        using var reviewed = await worker.PostAsJsonAsync($"/clients/{clientId}/plans/{planId}/reviews",
            new { reviewedOn = PlanTests.Day(0), goals = new[] { new { goalId, progress = "achieved", note = "Lease signed" } } });
        Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);

        var achieved = await goals.WaitForAsync(message => message.PlanId == planId, "the goal achieved, for the stream of its paid action");
        Assert.Equal((clientId, goalId, DateOnly.Parse(PlanTests.Day(0), System.Globalization.CultureInfo.InvariantCulture)),
            (achieved.ClientId, achieved.GoalId, achieved.AchievedOn));
        Assert.Equal([code], achieved.FundingStreams);
        var paidDone = await actionsDone.WaitForAsync(message => message.PlanId == planId, "the paid action done");
        Assert.Equal((paid, code), (paidDone.ActionId, paidDone.FundingStream));
        Assert.DoesNotContain(actionsDone.Received, message => message.ActionId == unpaid);
    }

    private async Task<string> AnnouncedStreamAsync()
    {
        var code = $"ESF-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var announced = intake.Consumes.Completed<ReferralEvents.FundingStreamRegistered>();
        await intake.Environment.Bus.Publish(new ReferralEvents.FundingStreamRegistered(code, "European Social Fund Plus", "European Commission",
            today.AddDays(-30), today.AddDays(60), DateTimeOffset.UtcNow));
        await intake.Consumes.WaitForAsync<ReferralEvents.FundingStreamRegistered>(announced + 1);
        return code;
    }

    private static object Plan(Guid needId, string fundingStream, int dueInDays) => new
    {
        startsOn = PlanTests.Day(0),
        endsOn = PlanTests.Day(120),
        goals = new[] { new { needId = (Guid?)needId, domain = "housing", description = "A flat with a lease" } },
        actions = new object[]
        {
            new { goal = 0, description = "Tenancy coaching", responsible = new { kind = "caseworker" }, dueOn = PlanTests.Day(dueInDays), fundingStream },
            new { goal = 0, description = "Bring the payslips", responsible = new { kind = "client" }, dueOn = PlanTests.Day(5) },
        },
    };
}
