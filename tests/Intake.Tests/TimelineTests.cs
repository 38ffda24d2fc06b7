using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MediatorEvents = Integration.Mediators.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

/// <summary>One timeline per case: intake's own changes and the steps other services report, in time order, by name.</summary>
public sealed class TimelineTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task intake_changes_plans_and_notes_appear_newest_first_with_the_staff_members_name()
    {
        using var desk = intake.CreateClient().As("frontdesk", subject: "desk-3", name: "Lucia Verdi");
        using var worker = intake.CreateClient().As("caseworker", subject: "worker-4", name: "Omar Haddad");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        using var need = await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain = "housing", priority = "high", description = "Room" });
        using var note = await worker.PostAsJsonAsync($"/clients/{clientId}/notes", new { text = "First meeting went well." });
        var planId = await PlanTests.DraftAsync(worker, clientId, PlanTests.PlanBody(null, null));

        var timeline = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline");

        var entries = timeline.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["plan.drafted", "note.added", "need.added", "client.registered"], entries.Select(entry => entry.GetProperty("type").GetString()));
        Assert.Equal(["Omar Haddad", "Omar Haddad", "Omar Haddad", "Lucia Verdi"], entries.Select(entry => entry.GetProperty("by").GetProperty("name").GetString()));
        Assert.Equal("desk-3", entries[3].GetProperty("by").GetProperty("id").GetString());
        Assert.All(entries, entry => Assert.Equal("intake", entry.GetProperty("service").GetString()));
        Assert.Equal(planId.ToString(), entries[0].GetProperty("details").GetProperty("plan_id").GetString());
        Assert.Equal("First meeting went well.", entries[1].GetProperty("details").GetProperty("text").GetString());
        Assert.Equal("housing", entries[2].GetProperty("details").GetProperty("domain").GetString());
        var page = await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline?page=2&pageSize=3");
        Assert.Equal(("client.registered", 4), (Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("type").GetString(), page.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task referral_and_booking_steps_from_other_services_are_filed_once_with_reasons_notes_and_names()
    {
        using var worker = intake.CreateClient().As("caseworker");
        var clientId = await worker.RegisterAsync(IntakeApi.NewClient());
        var referralId = Guid.NewGuid();
        var bus = intake.Environment.Bus;
        var now = DateTimeOffset.UtcNow;
        var declined = Referral(referralId, clientId, "declined", "declined", now.AddMinutes(2), 11) with
        {
            Facts = new Dictionary<string, string> { ["reason"] = "not_eligible" },
            Note = "Only for families with children under 3",
        };
        var messageId = NewId.NextGuid();
        var before = intake.Consumes.Completed<ReferralEvents.ReferralActivity>();

        await bus.Publish(declined, context => context.MessageId = messageId);
        await bus.Publish(declined, context => context.MessageId = messageId);
        await bus.Publish(Referral(referralId, clientId, "sent", "sent", now.AddMinutes(1), 10));
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(before + 3);
        await bus.Publish(new MediatorEvents.BookingActivity(Guid.NewGuid(), clientId, "unfilled", "unfilled", "No Tigrinya mediator free: unfilled",
            "system", null, now.AddMinutes(3), 5) { Language = "ti", Start = now.AddDays(2) });
        await intake.Consumes.WaitForAsync<MediatorEvents.BookingActivity>(1);

        var entries = (await worker.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/timeline")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["booking.unfilled", "referral.declined", "referral.sent", "client.registered"], entries.Select(entry => entry.GetProperty("type").GetString()));
        var decline = entries[1];
        Assert.Equal("referrals", decline.GetProperty("service").GetString());
        Assert.Equal(("not_eligible", "Only for families with children under 3"),
            (decline.GetProperty("details").GetProperty("reason").GetString(), decline.GetProperty("details").GetProperty("note").GetString()));
        Assert.Equal("Sara Conti", decline.GetProperty("by").GetProperty("name").GetString());
        Assert.Equal(("mediators", "System"), (entries[0].GetProperty("service").GetString(), entries[0].GetProperty("by").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task front_desks_and_other_offices_have_no_timeline_and_steps_of_an_erased_client_are_dropped()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var otherWorker = intake.CreateClient().As("caseworker", office: "other-office");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        await (await desk.GetAsync($"/clients/{clientId}/timeline")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await otherWorker.GetAsync($"/clients/{clientId}/timeline")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/clients/{clientId}/timeline")).StatusCode);
        Assert.Equal(["page"], await (await coordinator.GetAsync($"/clients/{clientId}/timeline?page=0")).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{clientId}/erasure", null)).StatusCode);
        var before = intake.Consumes.Completed<ReferralEvents.ReferralActivity>();
        await intake.Environment.Bus.Publish(Referral(Guid.NewGuid(), clientId, "sent", "sent", DateTimeOffset.UtcNow, 1) with { Note = "late note" });
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(before + 1);

        await (await coordinator.GetAsync($"/clients/{clientId}/timeline")).ProblemAsync(HttpStatusCode.Gone, "client_erased");
        Assert.Empty(await PersonalDataScan.FindAsync(intake.Environment.Postgres, intake.Schema, ["late note"]));
    }

    internal static ReferralEvents.ReferralActivity Referral(Guid referralId, Guid clientId, string step, string status, DateTimeOffset at, long sequence) =>
        new(referralId, clientId, step, status, IsOverdue: false, $"Step {step}", "partner-7", "Sara Conti", at, sequence)
        {
            ServiceName = "Housing desk",
            OrganisationName = "Casa Aperta",
            Office = TestTokens.Office,
            ResponseDueAt = at.AddHours(48),
        };
}
