using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;
using MediatorEvents = Integration.Mediators.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>
/// The funders' report of one stream, checked against figures computed by hand on a seeded set: ten people, the referrals, mediations
/// and plan goals the stream paid for, what another stream paid for and what fell outside the period; counts under five suppressed,
/// and an erasure that changes none of them.
/// </summary>
public sealed class FundingReportTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    private DateOnly Today => DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task the_report_counts_each_person_once_suppresses_small_cells_and_keeps_its_counts_after_an_erasure()
    {
        using var coordinator = scenario.As("coordinator");
        var stream = await RegisterStreamAsync(coordinator, "AMIF");
        var other = await RegisterStreamAsync(coordinator, "ESF");
        var housing = await scenario.AddPartnerAsync(category: "housing", name: "Casa Aperta");
        var housingService = await scenario.AddServiceAsync(housing.OrganisationId, "housing", fundingStream: stream);
        var employment = await scenario.AddPartnerAsync(category: "employment", name: "Lavoro Insieme");
        var employmentService = await scenario.AddServiceAsync(employment.OrganisationId, "employment", fundingStream: stream);
        var otherService = await scenario.AddServiceAsync(employment.OrganisationId, "employment", fundingStream: other);

        // Six Ukrainian women of 30, referred for housing (five accepted); each has a plan goal achieved, one announced twice.
        var women = new List<KnownClient>();
        for (var i = 0; i < 6; i++)
        {
            var woman = await ClientAsync("female", "UA", years: 30, domain: "housing");
            await scenario.GiveConsentAsync(woman.ClientId, housing.OrganisationId);
            var referralId = await scenario.ReferAsync(woman, housingService);
            if (i < 5)
            {
                using var staff = scenario.Partner(housing);
                using var accepted = await Scenario.ActAsync(staff, referralId, "accept");
                Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
            }

            women.Add(woman);
        }

        var goals = women.Take(5).Select(woman => (woman.ClientId, PlanId: Guid.NewGuid(), GoalId: Guid.NewGuid())).ToList();
        foreach (var (clientId, planId, goalId) in goals)
        {
            await scenario.PublishAsync(new IntakeEvents.PlanGoalAchieved(clientId, planId, goalId, [stream], Today, DateTimeOffset.UtcNow));
        }

        await scenario.PublishAsync(new IntakeEvents.PlanGoalAchieved(goals[0].ClientId, goals[0].PlanId, goals[0].GoalId, [stream.ToLowerInvariant()],
            Today, DateTimeOffset.UtcNow));

        // Two Syrian men, a boy of 16 and a man of 70, referred for employment; the man also to a service the other stream pays for.
        var boy = await ClientAsync("male", "SY", years: 16, domain: "employment");
        var elder = await ClientAsync("male", "SY", years: 70, domain: "employment");
        foreach (var man in new[] { boy, elder })
        {
            await scenario.GiveConsentAsync(man.ClientId, employment.OrganisationId);
            await scenario.ReferAsync(man, employmentService);
        }

        var elsewhere = await ClientAsync("male", "SY", years: 40, domain: "employment");
        await scenario.GiveConsentAsync(elsewhere.ClientId, employment.OrganisationId);
        await scenario.ReferAsync(elsewhere, otherService);

        // An Afghan of 20 reached by mediation only (90 minutes in Pashto), a woman's mediation in Ukrainian (60 minutes), a booking
        // still open (not delivered), and one delivered forty days ago, outside the period.
        var afghan = await ClientAsync("other", "AF", years: 20, domain: "health");
        var earlier = await ClientAsync("female", "AF", years: 45, domain: "health");
        await DeliveredAsync(afghan.ClientId, "ps", 90, stream, Today);
        await DeliveredAsync(women[1].ClientId, "uk", 60, stream, Today);
        await DeliveredAsync(boy.ClientId, "ar", 45, stream, Today, step: "confirmed");
        await DeliveredAsync(earlier.ClientId, "ps", 30, stream, Today.AddDays(-40));
        await referrals.Consumes.WaitForAsync<MediatorEvents.BookingActivity>(4);
        await referrals.Consumes.WaitForAsync<IntakeEvents.PlanGoalAchieved>(6);

        var report = await ReportAsync(coordinator, stream, Today, Today);

        Assert.Equal(9, report.GetProperty("beneficiaries").GetInt64());
        Assert.Equal([("UA", "6"), ("AF", "<5"), ("SY", "<5")], Cells(report, "byNationality", "beneficiaries"));
        Assert.Equal([("female", "6"), ("male", "<5"), ("other", "<5")], Cells(report, "bySex", "beneficiaries"));
        Assert.Equal([("0-17", "<5"), ("18-25", "<5"), ("26-64", "6"), ("65+", "<5")], Cells(report, "byAgeBand", "beneficiaries"));
        Assert.Equal([("accepted", "5"), ("sent", "<5")], Cells(report, "referralsByStatus", "referrals"));
        Assert.Equal([("housing", "6"), ("employment", "<5")], Cells(report, "byCategory", "referrals"));
        Assert.Empty(report.GetProperty("outcomes").EnumerateArray());
        Assert.Equal(5, report.GetProperty("planGoalsAchieved").GetInt64());
        Assert.Equal([("ps", 1.5, "<5"), ("uk", 1.0, "<5")],
            report.GetProperty("mediatorHoursByLanguage").EnumerateArray()
                .Select(row => (row.GetProperty("language").GetString(), row.GetProperty("hours").GetDouble(), Count(row.GetProperty("bookings")))));
        Assert.Equal([("Casa Aperta", "6", "housing"), ("Lavoro Insieme", "<5", "employment")],
            report.GetProperty("partners").EnumerateArray().Select(row => (row.GetProperty("name").GetString(), Count(row.GetProperty("referrals")),
                string.Join(' ', row.GetProperty("categories").EnumerateArray().Select(category => category.GetString())))));

        var wider = await ReportAsync(coordinator, stream, Today.AddDays(-60), Today);
        Assert.Equal(10, wider.GetProperty("beneficiaries").GetInt64());
        Assert.Equal([("ps", 2.0, "<5"), ("uk", 1.0, "<5")],
            wider.GetProperty("mediatorHoursByLanguage").EnumerateArray()
                .Select(row => (row.GetProperty("language").GetString(), row.GetProperty("hours").GetDouble(), Count(row.GetProperty("bookings")))));
        var byOther = await ReportAsync(coordinator, other, Today, Today);
        Assert.Equal("<5", byOther.GetProperty("beneficiaries").GetString());

        // Erasing the woman whose referral was not answered masks her data in referrals and withdraws that referral; the report
        // counts her as before, and the referral under its new status.
        await scenario.PublishAsync(new IntakeEvents.ClientErased(women[5].ClientId, DateTimeOffset.UtcNow));
        using var caseworker = scenario.As("caseworker");
        await Eventually.HoldsAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/clients/{women[5].ClientId}")).GetProperty("givenName").GetString() == "[erased]",
            "the erasure in referrals");
        var afterErasure = await ReportAsync(coordinator, stream, Today, Today);
        Assert.Equal(Figures(report), Figures(afterErasure));
        Assert.Equal([("accepted", "5"), ("sent", "<5"), ("withdrawn", "<5")], Cells(afterErasure, "referralsByStatus", "referrals"));
    }

    [Fact]
    public async Task the_csv_holds_the_same_figures_one_row_each_with_small_cells_suppressed()
    {
        using var coordinator = scenario.As("coordinator");
        var stream = await RegisterStreamAsync(coordinator, "CSV");
        var partner = await scenario.AddPartnerAsync(category: "legal", name: "Avvocati di Strada");
        var service = await scenario.AddServiceAsync(partner.OrganisationId, "legal", fundingStream: stream);
        var client = await ClientAsync("female", "ER", years: 19, domain: "legal");
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        await scenario.ReferAsync(client, service);
        await WaitForProjectionAsync();

        using var response = await coordinator.GetAsync($"/reports/funding.csv?stream={stream}&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,value,count,hours", rows[0]);
        Assert.Contains($"stream,{stream},,", rows);
        Assert.Contains("beneficiaries,,<5,", rows);
        Assert.Contains("nationality,ER,<5,", rows);
        Assert.Contains("age_band,18-25,<5,", rows);
        Assert.Contains("category,legal,<5,", rows);
        Assert.Contains("partner,Avvocati di Strada,<5,", rows);
    }

    [Fact]
    public async Task a_report_without_a_known_stream_or_with_a_bad_period_is_refused_and_only_coordinators_read_it()
    {
        using var coordinator = scenario.As("coordinator");
        var stream = await RegisterStreamAsync(coordinator, "RULES");

        using var none = await coordinator.GetAsync("/reports/funding");
        Assert.Equal(["stream"], await none.FieldErrorsAsync());
        using var unknown = await coordinator.GetAsync($"/reports/funding?stream=NOPE-{Guid.NewGuid():N}");
        Assert.Equal("unknown_funding_stream", await unknown.FieldErrorCodeAsync("stream"));
        using var backwards = await coordinator.GetAsync($"/reports/funding?stream={stream}&from=2026-05-01&to=2026-04-01");
        Assert.Equal(["to"], await backwards.FieldErrorsAsync());
        using var afterTheStream = await coordinator.GetAsync($"/reports/funding?stream={stream}&from={Today.AddYears(2):yyyy-MM-dd}");
        Assert.Equal(["from"], await afterTheStream.FieldErrorsAsync());
        using var notADate = await coordinator.GetAsync($"/reports/funding.csv?stream={stream}&from=yesterday");
        Assert.Equal(["from"], await notADate.FieldErrorsAsync());

        var whole = await coordinator.GetFromJsonAsync<JsonElement>($"/reports/funding?stream={stream.ToLowerInvariant()}");
        Assert.Equal((stream, Today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (whole.GetProperty("stream").GetProperty("code").GetString(), whole.GetProperty("from").GetString(), whole.GetProperty("to").GetString()));
        Assert.Equal("<5", whole.GetProperty("beneficiaries").GetString());

        foreach (var role in new[] { "caseworker", "frontdesk", "partner" })
        {
            using var other = scenario.As(role, organisation: role == "partner" ? Guid.NewGuid() : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/reports/funding?stream={stream}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/reports/funding.csv?stream={stream}")).StatusCode);
        }
    }

    private async Task<KnownClient> ClientAsync(string sex, string nationality, int years, string domain) =>
        await scenario.RegisterClientAsync(domain,
            person: new Person("Test", "Person" + Guid.NewGuid().ToString("N")[..8], Today.AddYears(-years).AddDays(-10), "+39 333 0000000", "p@example.org"),
            sex: sex, nationalities: [nationality]);

    private async Task DeliveredAsync(Guid clientId, string language, int minutes, string stream, DateOnly day, string step = "completed")
    {
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        await scenario.PublishAsync(new MediatorEvents.BookingActivity(Guid.NewGuid(), clientId, step, step, "Mediation", "mediator-1", null, start, 1)
        {
            Language = language,
            Start = start,
            Facts = new Dictionary<string, string> { ["actual_minutes"] = minutes.ToString(CultureInfo.InvariantCulture) },
            FundingStream = stream,
        });
    }

    private async Task<JsonElement> ReportAsync(HttpClient coordinator, string stream, DateOnly from, DateOnly to)
    {
        await WaitForProjectionAsync();
        return await coordinator.GetFromJsonAsync<JsonElement>($"/reports/funding?stream={stream}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
    }

    /// <summary>The facts are projected by the daemon: the report is read once it has caught up.</summary>
    private async Task WaitForProjectionAsync()
    {
        await referrals.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    private async Task<string> RegisterStreamAsync(HttpClient coordinator, string prefix)
    {
        var code = Scenario.UniqueStreamCode(prefix);
        using var response = await coordinator.PostAsJsonAsync("/funding-streams", Scenario.FundingStreamBody(code, Today.AddYears(-1), Today.AddYears(1)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return code;
    }

    private static string Count(JsonElement count) => count.ValueKind == JsonValueKind.Number ? count.GetInt64().ToString(CultureInfo.InvariantCulture) : count.GetString()!;

    private static IEnumerable<(string?, string)> Cells(JsonElement report, string list, string count) =>
        report.GetProperty(list).EnumerateArray().Select(row => (row.GetProperty("value").GetString(), Count(row.GetProperty(count))));

    /// <summary>The report's figures but the referrals' statuses (which an erasure changes, withdrawing open referrals) and the time it was made.</summary>
    private static string Figures(JsonElement report)
    {
        var figures = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(report.GetRawText())!;
        figures.Remove("generatedAt");
        figures.Remove("referralsByStatus");
        return JsonSerializer.Serialize(figures);
    }
}
