using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MediatorEvents = Integration.Mediators.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

/// <summary>The worklist: every kind of due item of an office's cases, oldest due first, scoped and filtered.</summary>
public sealed class WorklistTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task every_kind_of_due_item_of_the_office_appears_oldest_due_first_and_links_to_its_client()
    {
        var office = "wl-" + IntakeApi.UniqueName();
        using var worker = intake.CreateClient().As("caseworker", office: office);
        using var desk = intake.CreateClient().As("frontdesk", office: office);
        using var otherDesk = intake.CreateClient().As("frontdesk", office: "other-office");
        var (planClient, needId) = await PlanTests.ClientWithNeedAsync(worker);
        var planId = await PlanTests.DraftAsync(worker, planClient, new
        {
            startsOn = PlanTests.Day(-100),
            endsOn = PlanTests.Day(20),
            goals = new[] { new { needId = (Guid?)needId, domain = "housing", description = "Housing" } },
            actions = new[]
            {
                new { goal = 0, description = "Bring the payslips", responsible = new { kind = "client" }, dueOn = PlanTests.Day(3) },
                new { goal = 0, description = "Later", responsible = new { kind = "client" }, dueOn = PlanTests.Day(15) },
            },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{planClient}/plans/{planId}/agree", PlanTests.Agreement())).StatusCode);
        var plan = await worker.GetFromJsonAsync<JsonElement>($"/clients/{planClient}/plans/{planId}");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{planClient}/plans/{planId}/reviews", new
        {
            reviewedOn = PlanTests.Day(0),
            goals = new[] { new { goalId = plan.GetProperty("goals")[0].GetProperty("goalId").GetGuid(), progress = "in_progress" } },
            nextReviewOn = PlanTests.Day(2),
        })).StatusCode);
        var permit = IntakeApi.NewClient();
        permit["legalStatus"] = new { category = "temporary_permit", validUntil = PlanTests.Day(10) };
        var permitClient = await desk.RegisterAsync(permit);
        var teenager = await desk.RegisterAsync(IntakeApi.NewClient("Dawit", dateOfBirth: HouseholdTests.YearsAgo(18, plusDays: 40)));
        var referralId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var bus = intake.Environment.Bus;
        var referrals = intake.Consumes.Completed<ReferralEvents.ReferralActivity>();
        var bookings = intake.Consumes.Completed<MediatorEvents.BookingActivity>();
        await bus.Publish(TimelineTests.Referral(referralId, permitClient, "overdue", "sent", now, 3) with { IsOverdue = true, ResponseDueAt = now.AddDays(-1) });
        await bus.Publish(new MediatorEvents.BookingActivity(bookingId, teenager, "unfilled", "unfilled", "unfilled", "system", null, now, 4)
        {
            Language = "ti",
            Start = now.AddDays(5),
        });
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(referrals + 1);
        await intake.Consumes.WaitForAsync<MediatorEvents.BookingActivity>(bookings + 1);

        var worklist = await desk.GetFromJsonAsync<JsonElement>("/worklist");

        var items = worklist.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["referral_overdue", "plan_review_due", "plan_action_due", "mediator_unfilled", "permit_expiring", "plan_expiring", "ageing_out"],
            items.Select(item => item.GetProperty("kind").GetString()));
        Assert.Equal(7, worklist.GetProperty("total").GetInt32());
        Assert.Equal(items.Select(item => item.GetProperty("dueOn").ToDate()).Order(), items.Select(item => item.GetProperty("dueOn").ToDate()));
        Assert.Equal(referralId, items[0].GetProperty("referralId").GetGuid());
        Assert.Contains("Housing desk (Casa Aperta)", items[0].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("Bring the payslips", items[2].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(bookingId, items[3].GetProperty("bookingId").GetGuid());
        Assert.Contains("Tigrinya", items[3].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Housing desk", "Casa Aperta"), (items[0].GetProperty("details").GetProperty("service_name").GetString(),
            items[0].GetProperty("details").GetProperty("organisation_name").GetString()));
        Assert.Equal("Bring the payslips", items[2].GetProperty("details").GetProperty("action").GetString());
        Assert.Equal("ti", items[3].GetProperty("details").GetProperty("language").GetString());
        Assert.Empty(items[1].GetProperty("details").EnumerateObject());
        Assert.Equal($"/clients/{teenager}", items[6].GetProperty("link").GetString());
        Assert.StartsWith("Dawit ", items[6].GetProperty("displayName").GetString(), StringComparison.Ordinal);
        var otherOffice = await otherDesk.GetFromJsonAsync<JsonElement>("/worklist");
        Assert.DoesNotContain(otherOffice.GetProperty("items").EnumerateArray(), item => item.GetProperty("clientId").GetGuid() == teenager);
        var permits = await desk.GetFromJsonAsync<JsonElement>("/worklist?kind=permit_expiring");
        Assert.Equal(permitClient, Assert.Single(permits.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        var secondPage = await desk.GetFromJsonAsync<JsonElement>("/worklist?page=2&pageSize=5");
        Assert.Equal(2, secondPage.GetProperty("items").GetArrayLength());

        await bus.Publish(TimelineTests.Referral(referralId, permitClient, "accepted", "accepted", now.AddMinutes(1), 9));
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(referrals + 2);
        var answered = await desk.GetFromJsonAsync<JsonElement>("/worklist?kind=referral_overdue");
        Assert.Equal(0, answered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task my_cases_filter_search_and_the_worklist_and_bad_filters_are_field_errors()
    {
        var office = "wl-" + IntakeApi.UniqueName();
        using var worker = intake.CreateClient().As("caseworker", subject: "worker-mine", office: office);
        using var coordinator = intake.CreateClient().As("coordinator");
        var mine = await worker.RegisterAsync(IntakeApi.NewClient("Dawit", dateOfBirth: HouseholdTests.YearsAgo(18, plusDays: 10)));
        var theirs = await worker.RegisterAsync(IntakeApi.NewClient("Dawit", dateOfBirth: HouseholdTests.YearsAgo(18, plusDays: 20)));
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{mine}/assign", new { caseWorker = new { id = "worker-mine", name = "Me" } })).StatusCode);

        var worklist = await worker.GetFromJsonAsync<JsonElement>("/worklist?assignedTo=me");
        var search = await worker.GetFromJsonAsync<JsonElement>("/clients?assignedTo=me");
        var all = await coordinator.GetFromJsonAsync<JsonElement>($"/worklist?office={office}");

        Assert.Equal(mine, Assert.Single(worklist.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Equal(mine, Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetGuid());
        Assert.Equal([mine, theirs], all.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("clientId").GetGuid()));
        Assert.Equal(["kind"], await (await worker.GetAsync("/worklist?kind=everything")).FieldErrorsAsync());
        Assert.Equal(["office"], await (await worker.GetAsync("/worklist?office=other-office")).FieldErrorsAsync());
        Assert.Equal(["pageSize"], await (await worker.GetAsync("/worklist?pageSize=500")).FieldErrorsAsync());
        await (await intake.CreateClient().As("partner", org: Guid.NewGuid().ToString()).GetAsync("/worklist")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
