using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

/// <summary>
/// The coordinator's figures (<c>GET /statistics</c>): registrations, needs per domain, needs met at the desk
/// without a referral, closings per outcome and consents about to expire, per office and period, counted
/// once whatever merges and erasures do to the records.
/// </summary>
public sealed class StatisticsTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task an_offices_figures_count_what_its_desks_did_and_nothing_of_another_office()
    {
        var office = "st-" + IntakeApi.UniqueName();
        var otherOffice = "st-" + IntakeApi.UniqueName();
        using var desk = intake.CreateClient().As("frontdesk", office: office);
        using var worker = intake.CreateClient().As("caseworker", office: office);
        using var otherDesk = intake.CreateClient().As("frontdesk", office: otherOffice);
        using var coordinator = intake.CreateClient().As("coordinator");
        var familyName = IntakeApi.UniqueName();
        var housed = await desk.RegisterAsync(IntakeApi.NewClient("Selam", familyName, "1990-01-01"));
        var referred = await desk.RegisterAsync(IntakeApi.NewClient("Yonas", IntakeApi.UniqueName(), "1985-05-05"));
        var erased = await desk.RegisterAsync(IntakeApi.NewClient("Ruth", IntakeApi.UniqueName(), "1979-09-09"));
        await otherDesk.RegisterAsync(IntakeApi.NewClient("Omar", IntakeApi.UniqueName(), "1970-07-07"));

        var metAtDesk = await AddNeedAsync(worker, housed, "housing");
        var notNeeded = await AddNeedAsync(worker, housed, "employment");
        var referredNeed = await AddNeedAsync(worker, referred, "housing");
        var answered = intake.Consumes.Completed<ReferralEvents.ReferralActivity>();
        await intake.Environment.Bus.Publish(TimelineTests.Referral(Guid.NewGuid(), referred, "sent", "sent", DateTimeOffset.UtcNow, 1) with
        {
            NeedId = referredNeed,
        });
        await intake.Consumes.WaitForAsync<ReferralEvents.ReferralActivity>(answered + 1);
        await ResolveAsync(worker, housed, metAtDesk, "met");
        await ResolveAsync(worker, referred, referredNeed, "met");
        // Closed at the desk, but not met there: it does not count as met at the desk.
        await ResolveAsync(worker, housed, notNeeded, "no_longer_needed");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{housed}/close", new { outcome = "housed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/clients/{erased}/close", new { outcome = "moved_away" })).StatusCode);
        await GiveConsentAsync(worker, housed, expiresInDays: 10);
        await GiveConsentAsync(worker, referred, expiresInDays: 40);
        await GiveConsentAsync(worker, erased, expiresInDays: null);

        // The same person registered twice and merged counts once, and again twice when the merge is undone.
        var again = IntakeApi.NewClient("Selamawit", familyName, "1990-01-01");
        again["duplicateCheckOverride"] = new { reason = "Says she has never been here" };
        var duplicate = await desk.RegisterAsync(again);
        await IdleAsync();
        Assert.Equal(4, (await StatisticsAsync(coordinator, $"office={office}")).GetProperty("registrations").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/clients/{housed}/merge", new { duplicateId = duplicate, reason = "Same passport" })).StatusCode);
        await IdleAsync();
        Assert.Equal(3, (await StatisticsAsync(coordinator, $"office={office}")).GetProperty("registrations").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/clients/{housed}/unmerge", new { duplicateId = duplicate, reason = "Sisters, not one person" })).StatusCode);
        await IdleAsync();
        Assert.Equal(4, (await StatisticsAsync(coordinator, $"office={office}")).GetProperty("registrations").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent,
            (await worker.PostAsJsonAsync($"/clients/{housed}/merge", new { duplicateId = duplicate, reason = "Same passport after all" })).StatusCode);

        // An erasure takes the person's data, not the work done: the counts stay.
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsync($"/clients/{erased}/erasure", null)).StatusCode);
        await IdleAsync();

        var figures = await StatisticsAsync(coordinator, $"office={office}");
        Assert.Equal(office, figures.GetProperty("office").GetString());
        Assert.Equal(3, figures.GetProperty("registrations").GetInt64());
        Assert.Equal([("housing", 2L), ("employment", 1L)], Counts(figures, "needsByDomain", "domain"));
        Assert.Equal(1, figures.GetProperty("needsResolvedAtDesk").GetInt64());
        Assert.Equal([("housed", 1L), ("moved_away", 1L)], Counts(figures, "casesClosedByOutcome", "outcome"));
        Assert.Equal(1, figures.GetProperty("consentsExpiringWithin30Days").GetInt64());

        var elsewhere = await StatisticsAsync(coordinator, $"office={otherOffice}");
        Assert.Equal(1, elsewhere.GetProperty("registrations").GetInt64());
        Assert.Empty(elsewhere.GetProperty("needsByDomain").EnumerateArray());
        Assert.Equal(0, elsewhere.GetProperty("needsResolvedAtDesk").GetInt64());

        // A period counts what happened in it; consents expiring are counted as of now, whatever the period.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var later = await StatisticsAsync(coordinator, $"office={office}&from={today.AddDays(1):yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}");
        Assert.Equal((0L, 0, 1L), (later.GetProperty("registrations").GetInt64(), later.GetProperty("needsByDomain").GetArrayLength(),
            later.GetProperty("consentsExpiringWithin30Days").GetInt64()));
        var thisPeriod = await StatisticsAsync(coordinator, $"office={office}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(3, thisPeriod.GetProperty("registrations").GetInt64());
        var everywhere = await StatisticsAsync(coordinator, "");
        Assert.True(everywhere.GetProperty("registrations").GetInt64() >= 4);
        Assert.False(everywhere.TryGetProperty("office", out _));
    }

    [Fact]
    public async Task bad_periods_and_offices_are_field_errors_and_only_coordinators_read_the_figures()
    {
        using var coordinator = intake.CreateClient().As("coordinator");
        Assert.Equal(["from"], await (await coordinator.GetAsync("/statistics?from=2026-13-01")).FieldErrorsAsync());
        Assert.Equal(["to"], await (await coordinator.GetAsync("/statistics?from=2026-05-02&to=2026-05-01")).FieldErrorsAsync());
        Assert.Equal(["from", "to"], await (await coordinator.GetAsync("/statistics?from=0001-01-01&to=9999-12-31")).FieldErrorsAsync());
        Assert.Equal(["office"], await (await coordinator.GetAsync($"/statistics?office={new string('x', 201)}")).FieldErrorsAsync());

        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/statistics")).StatusCode);
        foreach (var role in new[] { "frontdesk", "caseworker", "partner", "mediator", "admin" })
        {
            using var other = intake.CreateClient().As(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/statistics")).StatusCode);
        }
    }

    private Task IdleAsync() =>
        intake.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> StatisticsAsync(HttpClient coordinator, string query)
    {
        using var response = await coordinator.GetAsync($"/statistics?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(string, long)> Counts(JsonElement figures, string list, string name) =>
        [.. figures.GetProperty(list).EnumerateArray().Select(entry => (entry.GetProperty(name).GetString()!, entry.GetProperty("count").GetInt64()))];

    private static async Task<Guid> AddNeedAsync(HttpClient worker, Guid clientId, string domain)
    {
        using var added = await worker.PostAsJsonAsync($"/clients/{clientId}/needs", new { domain, priority = "high", description = "Needs help" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needId").GetGuid();
    }

    private static async Task ResolveAsync(HttpClient worker, Guid clientId, Guid needId, string outcome)
    {
        using var resolved = await worker.PostAsJsonAsync($"/clients/{clientId}/needs/{needId}/resolve", new { outcome });
        Assert.Equal(HttpStatusCode.NoContent, resolved.StatusCode);
    }

    private static async Task GiveConsentAsync(HttpClient worker, Guid clientId, int? expiresInDays)
    {
        using var given = await worker.PostAsJsonAsync($"/clients/{clientId}/consents", new
        {
            purpose = "referral", recipientServiceCategory = "housing", dataCategories = new[] { "identity" }, lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow, expiresAt = expiresInDays is { } days ? DateTimeOffset.UtcNow.AddDays(days) : (DateTimeOffset?)null,
        });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
    }
}
