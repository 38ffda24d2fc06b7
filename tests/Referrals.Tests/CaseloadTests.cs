using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Referrals.Referrals;
using Integration.Testing;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

public sealed class CaseloadTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task the_caseload_counts_referrals_by_status_category_organisation_and_office_with_answer_figures()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var housing = await scenario.AddPartnerAsync(category: "housing", responseHours: 2, name: "Casa Caseload");
        var legal = await scenario.AddPartnerAsync(category: "legal", name: "Legale Caseload");
        var accepted = await ReferFromAsync(office, housing);
        var declined = await ReferFromAsync(office, housing);
        var overdue = await ReferFromAsync(office, housing);
        await ReferFromAsync(office, legal);
        using var housingStaff = scenario.Partner(housing);
        referrals.Clock.Advance(TimeSpan.FromHours(1));
        await Scenario.ActAsync(housingStaff, accepted, "accept");
        await Scenario.ActAsync(housingStaff, declined, "decline", new { reason = "not_eligible" });
        referrals.Clock.Advance(TimeSpan.FromHours(2));
        await referrals.Services.GetRequiredService<OverdueSweep>().SweepAsync(CancellationToken.None);
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");

        var caseload = await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}");

        var totals = caseload.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("total").GetInt64());
        Assert.Equal(2, totals.GetProperty("byStatus").GetProperty("sent").GetInt64());
        Assert.Equal(1, totals.GetProperty("byStatus").GetProperty("accepted").GetInt64());
        Assert.Equal(1, totals.GetProperty("byStatus").GetProperty("declined").GetInt64());
        Assert.Equal(0.5, totals.GetProperty("acceptanceRate").GetDouble());
        Assert.Equal(1.0, totals.GetProperty("medianHoursToAccept").GetDouble());
        var categories = caseload.GetProperty("byCategory").EnumerateArray()
            .ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("figures").GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["housing"] = 3, ["legal"] = 1 }, categories);
        var housingFigures = caseload.GetProperty("byOrganisation").EnumerateArray()
            .Single(o => o.GetProperty("organisationId").GetGuid() == housing.OrganisationId);
        Assert.Equal("Casa Caseload", housingFigures.GetProperty("name").GetString());
        Assert.Equal(3, housingFigures.GetProperty("figures").GetProperty("total").GetInt64());
        Assert.Equal(office, Assert.Single(caseload.GetProperty("byOffice").EnumerateArray()).GetProperty("office").GetString());
        var overdueList = caseload.GetProperty("overdue");
        Assert.Equal(1, overdueList.GetProperty("total").GetInt64());
        var late = Assert.Single(overdueList.GetProperty("items").EnumerateArray());
        Assert.Equal(overdue, late.GetProperty("referralId").GetGuid());
        var clientId = (await Scenario.GetReferralAsync(coordinator, overdue)).GetProperty("clientId").GetGuid();
        Assert.Equal(clientId, late.GetProperty("clientId").GetGuid());
        Assert.Equal("Amina Haddad", late.GetProperty("clientName").GetString());
    }

    [Fact]
    public async Task a_coordinator_sees_whom_an_overdue_referral_is_for_and_that_read_is_recorded_an_admin_sees_no_name()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var housing = await scenario.AddPartnerAsync(category: "housing", responseHours: 1, name: "Casa Nomi");
        var referralId = await ReferFromAsync(office, housing);
        referrals.Clock.Advance(TimeSpan.FromHours(2));
        await referrals.Services.GetRequiredService<OverdueSweep>().SweepAsync(CancellationToken.None);
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");
        var clientId = (await Scenario.GetReferralAsync(coordinator, referralId)).GetProperty("clientId").GetGuid();
        var readsBefore = await ReadsOfAsync(clientId);

        var late = (await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("overdue").GetProperty("items")
            .EnumerateArray().Single(item => item.GetProperty("referralId").GetGuid() == referralId);
        Assert.Equal("Amina Haddad", late.GetProperty("clientName").GetString());
        Assert.Equal(readsBefore + 1, await ReadsOfAsync(clientId));

        using var admin = scenario.As("admin");
        var unnamed = (await admin.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("overdue").GetProperty("items")
            .EnumerateArray().Single(item => item.GetProperty("referralId").GetGuid() == referralId);
        Assert.False(unnamed.TryGetProperty("clientName", out var name) && name.ValueKind == JsonValueKind.String);
        Assert.Equal(readsBefore + 1, await ReadsOfAsync(clientId));
        var csv = await coordinator.GetStringAsync($"/caseload.csv?office={office}");
        Assert.DoesNotContain("Haddad", csv, StringComparison.Ordinal);
    }

    private async Task<int> ReadsOfAsync(Guid clientId)
    {
        await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "client_data_shown").ToListAsync();
        return reads.Count(e => ((Integration.Referrals.Access.ClientDataShown)e.Data).ClientId == clientId);
    }

    [Fact]
    public async Task filters_narrow_the_caseload_by_category_and_date()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var legal = await scenario.AddPartnerAsync(category: "legal", name: "Legale Filtri");
        var housing = await scenario.AddPartnerAsync(category: "housing", name: "Casa Filtri");
        await ReferFromAsync(office, legal);
        await ReferFromAsync(office, housing);
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");
        var today = DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime);

        var legalOnly = await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}&category=legal");
        var tomorrowOn = await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}&from={today.AddDays(1):yyyy-MM-dd}");
        var onlyToday = await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var wholeMonth = await coordinator.GetFromJsonAsync<JsonElement>(
            $"/caseload?office={office}&from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
        var spanningMonths = await coordinator.GetFromJsonAsync<JsonElement>(
            $"/caseload?office={office}&from={monthStart.AddMonths(-2).AddDays(3):yyyy-MM-dd}&to={today.AddDays(40):yyyy-MM-dd}");
        var untilYesterday = await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}&to={today.AddDays(-1):yyyy-MM-dd}");

        Assert.Equal(1, legalOnly.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(0, tomorrowOn.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(2, onlyToday.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(2, wholeMonth.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(2, spanningMonths.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(0, untilYesterday.GetProperty("totals").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task the_caseload_moves_a_referral_from_status_to_status_without_counting_it_twice()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var partner = await scenario.AddPartnerAsync(name: "Casa Movimento");
        var referralId = await ReferFromAsync(office, partner);
        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, referralId, "waitlist", new { });
        await Scenario.ActAsync(staff, referralId, "accept");
        await Scenario.ActAsync(staff, referralId, "complete", new { outcome = "service_delivered" });
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");

        var totals = (await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("totals");

        Assert.Equal(1, totals.GetProperty("total").GetInt64());
        var statuses = totals.GetProperty("byStatus").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetInt64());
        Assert.Equal(1, statuses["completed"]);
        Assert.All(statuses.Where(s => s.Key != "completed"), s => Assert.Equal(0, s.Value));
        Assert.Equal(1, totals.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task an_overdue_referral_leaves_the_overdue_count_when_answered_and_only_a_sent_referral_becomes_overdue()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var partner = await scenario.AddPartnerAsync(responseHours: 2, name: "Casa Ritardo");
        var sentOn = DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime);
        var answeredLate = await ReferFromAsync(office, partner);
        var waitlisted = await ReferFromAsync(office, partner);
        var stillWaiting = await ReferFromAsync(office, partner);
        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, waitlisted, "waitlist", new { });
        referrals.Clock.Advance(TimeSpan.FromHours(3));
        await referrals.Services.GetRequiredService<OverdueSweep>().SweepAsync(CancellationToken.None);
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");
        var before = (await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("overdue");

        await Scenario.ActAsync(staff, answeredLate, "accept");
        await Scenario.ActAsync(staff, waitlisted, "accept");
        await CatchUpAsync();
        var allTime = (await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("overdue");
        var thatDay = (await coordinator.GetFromJsonAsync<JsonElement>(
            $"/caseload?office={office}&from={sentOn:yyyy-MM-dd}&to={sentOn:yyyy-MM-dd}")).GetProperty("overdue");
        var thatMonth = (await coordinator.GetFromJsonAsync<JsonElement>(
            $"/caseload?office={office}&from={sentOn.AddDays(1 - sentOn.Day):yyyy-MM-dd}&to={sentOn.AddDays(1 - sentOn.Day).AddMonths(1).AddDays(-1):yyyy-MM-dd}"))
            .GetProperty("overdue");

        Assert.Equal(2, before.GetProperty("total").GetInt64());
        Assert.Equal(new[] { answeredLate, stillWaiting }.Order(), before.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("referralId").GetGuid()).Order());
        foreach (var overdue in new[] { allTime, thatDay, thatMonth })
        {
            Assert.Equal(1, overdue.GetProperty("total").GetInt64());
            Assert.Equal(stillWaiting, Assert.Single(overdue.GetProperty("items").EnumerateArray()).GetProperty("referralId").GetGuid());
        }
    }

    [Fact]
    public async Task answers_after_a_day_or_a_week_count_in_coarser_buckets_that_the_median_reads()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var partner = await scenario.AddPartnerAsync(name: "Casa Attesa");
        var acceptedAfterADay = await ReferFromAsync(office, partner);
        var declinedAfterTenDays = await ReferFromAsync(office, partner);
        using var staff = scenario.Partner(partner);
        referrals.Clock.Advance(TimeSpan.FromHours(30.5));
        using var accepted = await Scenario.ActAsync(staff, acceptedAfterADay, "accept");
        referrals.Clock.Advance(TimeSpan.FromDays(10));
        using var declined = await Scenario.ActAsync(staff, declinedAfterTenDays, "decline", new { reason = "not_eligible" });
        // The hosted overdue sweep fires on the clock's advance and may mark the referral at the moment it is declined.
        Assert.True(accepted.StatusCode == HttpStatusCode.NoContent, await accepted.Content.ReadAsStringAsync());
        Assert.True(declined.StatusCode == HttpStatusCode.NoContent, await declined.Content.ReadAsStringAsync());
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");

        var totals = (await coordinator.GetFromJsonAsync<JsonElement>($"/caseload?office={office}")).GetProperty("totals");

        Assert.Equal(30.0, totals.GetProperty("medianHoursToAccept").GetDouble());
        Assert.Equal(1, totals.GetProperty("accepted").GetInt64());
        Assert.Equal(1, totals.GetProperty("declined").GetInt64());
        Assert.Equal(0.5, totals.GetProperty("acceptanceRate").GetDouble());
    }

    [Fact]
    public async Task the_unfiltered_caseload_reads_the_slices_kept_for_all_time_and_they_agree_with_the_keys_over_every_month()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var housing = await scenario.AddPartnerAsync(category: "housing", name: "Casa Tutti");
        var legal = await scenario.AddPartnerAsync(category: "legal", name: "Legale Tutti");
        var accepted = await ReferFromAsync(office, housing);
        var declined = await ReferFromAsync(office, legal);
        await ReferFromAsync(office, housing);
        referrals.Clock.Advance(TimeSpan.FromHours(3));
        using var housingStaff = scenario.Partner(housing);
        using var legalStaff = scenario.Partner(legal);
        using var accept = await Scenario.ActAsync(housingStaff, accepted, "accept");
        using var decline = await Scenario.ActAsync(legalStaff, declined, "decline", new { reason = "not_eligible" });
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (accept.StatusCode, decline.StatusCode));
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");

        // Everything (the slice rows) against every month there is (the keys' rows, added up): the same figures, once the daemon is idle.
        await Eventually.HoldsAsync(async () =>
            Figures(await coordinator.GetFromJsonAsync<JsonElement>("/caseload"))
                == Figures(await coordinator.GetFromJsonAsync<JsonElement>("/caseload?from=1900-01-01&to=2999-12-31")),
            "the unfiltered caseload to agree with the one over every month");
        var everything = await coordinator.GetFromJsonAsync<JsonElement>("/caseload");
        var ours = everything.GetProperty("byOffice").EnumerateArray().Single(row => row.GetProperty("office").GetString() == office).GetProperty("figures");
        Assert.Equal((3, 1, 1, 3.0), (ours.GetProperty("total").GetInt64(), ours.GetProperty("accepted").GetInt64(), ours.GetProperty("declined").GetInt64(),
            ours.GetProperty("medianHoursToAccept").GetDouble()));
        var casa = everything.GetProperty("byOrganisation").EnumerateArray()
            .Single(row => row.GetProperty("organisationId").GetGuid() == housing.OrganisationId).GetProperty("figures");
        Assert.Equal((2, 1, 0), (casa.GetProperty("total").GetInt64(), casa.GetProperty("accepted").GetInt64(), casa.GetProperty("declined").GetInt64()));

        // Properties in name order: byStatus is a map whose order follows the rows' order, which the two reads need not share.
        static string Figures(JsonElement caseload) =>
            string.Join('\n', new[] { "totals", "byCategory", "byOrganisation", "byOffice" }.Select(part => Canonical(caseload.GetProperty(part))));

        static string Canonical(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal)
                .Select(property => $"{property.Name}:{Canonical(property.Value)}")) + "}",
            JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
            _ => value.GetRawText(),
        };
    }

    [Fact]
    public async Task the_csv_has_a_header_and_a_row_per_slice()
    {
        var office = $"office-{Guid.NewGuid():N}";
        var partner = await scenario.AddPartnerAsync(name: "Casa, \"CSV\"");
        await ReferFromAsync(office, partner);
        await CatchUpAsync();
        using var coordinator = scenario.As("coordinator");

        using var response = await coordinator.GetAsync($"/caseload.csv?office={office}");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("dimension,key,name,total,sent,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("all,,,1,1,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith($"organisation,{partner.OrganisationId},\"Casa, \"\"CSV\"\"\",1,", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"office,{office},,1,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-11-02&to=2026-11-01", "to")]
    [InlineData("?from=0001-01-01&to=9999-12-31", "to")]
    [InlineData("?from=0001-01-01&to=2026-12-31", "from")]
    [InlineData("?category=shelter", "category")]
    public async Task bad_filters_are_field_errors(string query, string field)
    {
        using var coordinator = scenario.As("coordinator");

        using var response = await coordinator.GetAsync($"/caseload{query}");

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Theory]
    [InlineData("caseworker")]
    [InlineData("partner")]
    public async Task only_coordinators_read_the_caseload(string role)
    {
        using var http = scenario.As(role, Guid.NewGuid());

        using var json = await http.GetAsync("/caseload");
        using var csv = await http.GetAsync("/caseload.csv");

        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    private async Task<Guid> ReferFromAsync(string office, Partner partner)
    {
        var client = await scenario.ConsentingClientAsync(partner, office: office);
        using var caseworker = scenario.As("caseworker", office: office);
        using var response = await caseworker.PostAsJsonAsync("/referrals",
            new { clientId = client.ClientId, needId = client.NeedId, serviceId = partner.ServiceId, urgency = "medium" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetGuid();
    }

    /// <summary>The caseload is an async projection: wait until the daemon has projected every event so far.</summary>
    private Task CatchUpAsync() =>
        referrals.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
}
