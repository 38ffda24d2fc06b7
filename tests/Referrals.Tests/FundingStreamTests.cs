using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Referrals.Tests;

/// <summary>
/// Funding streams: a coordinator records the project money that pays for services, a service names the stream that pays for it,
/// and a referral to the service carries the stream while the stream runs.
/// </summary>
public sealed class FundingStreamTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    private DateOnly Today => DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task a_stream_is_recorded_once_under_its_code_whatever_its_case_and_read_back_as_recorded()
    {
        using var coordinator = scenario.As("coordinator");
        var code = UniqueCode("AMIF");

        using var registered = await coordinator.PostAsJsonAsync("/funding-streams", Stream(code, Today.AddYears(-1), Today.AddYears(2)));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal($"/funding-streams/{code}", registered.Headers.Location?.OriginalString);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((code, "Asylum, Migration and Integration Fund 2021-2027", "European Commission", "IT-AMIF-2024"),
            (body.GetProperty("code").GetString(), body.GetProperty("name").GetString(), body.GetProperty("funder").GetString(),
                body.GetProperty("programme").GetString()));
        var read = await coordinator.GetFromJsonAsync<JsonElement>($"/funding-streams/{code.ToLowerInvariant()}");
        Assert.Equal((code, Today.AddYears(2)), (read.GetProperty("code").GetString(), DateOnly.Parse(read.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture)));
        var listed = await coordinator.GetFromJsonAsync<JsonElement>("/funding-streams?pageSize=200");
        Assert.Single(listed.GetProperty("items").EnumerateArray(), item => item.GetProperty("code").GetString() == code);

        using var again = await coordinator.PostAsJsonAsync("/funding-streams", Stream(code.ToLowerInvariant(), Today, Today.AddYears(1)));
        Assert.Equal((HttpStatusCode.Conflict, "funding_stream_exists"), (again.StatusCode, await Scenario.CodeOf(again)));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/funding-streams/{UniqueCode("NONE")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/funding-streams/%20bad%20code")).StatusCode);
    }

    [Fact]
    public async Task two_registrations_of_one_code_at_once_record_one_stream_and_tell_the_other_it_exists()
    {
        using var first = scenario.As("coordinator");
        using var second = scenario.As("coordinator");
        var code = UniqueCode("RACE");

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync("/funding-streams", Stream(code, Today, Today.AddYears(1))),
            second.PostAsJsonAsync("/funding-streams", Stream(code.ToLowerInvariant(), Today, Today.AddYears(1))));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(answer => answer.StatusCode).Order());
        var refused = Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("funding_stream_exists", await Scenario.CodeOf(refused));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task a_bad_stream_is_refused_field_by_field_and_nothing_is_stored()
    {
        using var coordinator = scenario.As("coordinator");
        var before = (await coordinator.GetFromJsonAsync<JsonElement>("/funding-streams")).GetProperty("total").GetInt64();

        using var empty = await coordinator.PostAsJsonAsync("/funding-streams", new { });
        Assert.Equal(["code", "endsOn", "funder", "name", "startsOn"], await empty.FieldErrorsAsync());
        using var badCode = await coordinator.PostAsJsonAsync("/funding-streams", Stream("-AMIF 2024", Today, Today));
        await Problems.AssertFieldErrorAsync(badCode, "code");
        using var backwards = await coordinator.PostAsJsonAsync("/funding-streams", Stream(UniqueCode("ESF"), Today, Today.AddDays(-1)));
        await Problems.AssertFieldErrorAsync(backwards, "endsOn");
        using var tooEarly = await coordinator.PostAsJsonAsync("/funding-streams", Stream(UniqueCode("ESF"), new DateOnly(1, 1, 1), Today));
        await Problems.AssertFieldErrorAsync(tooEarly, "startsOn");
        using var tooLong = await coordinator.PostAsJsonAsync("/funding-streams", Stream(new string('A', 41), Today, Today));
        await Problems.AssertFieldErrorAsync(tooLong, "code");

        Assert.Equal(before, (await coordinator.GetFromJsonAsync<JsonElement>("/funding-streams")).GetProperty("total").GetInt64());
        using var caseworker = scenario.As("caseworker");
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync("/funding-streams", Stream(UniqueCode("ESF"), Today, Today))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync("/funding-streams")).StatusCode);
    }

    [Fact]
    public async Task a_service_names_the_stream_that_pays_for_it_and_its_referrals_carry_that_stream_while_it_runs()
    {
        using var coordinator = scenario.As("coordinator");
        var code = UniqueCode("ESF");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/funding-streams", Stream(code, Today.AddDays(-10), Today))).StatusCode);
        var ended = UniqueCode("OLD");
        Assert.Equal(HttpStatusCode.Created,
            (await coordinator.PostAsJsonAsync("/funding-streams", Stream(ended, Today.AddYears(-2), Today.AddYears(-1)))).StatusCode);
        var partner = await scenario.AddPartnerAsync(category: "employment", name: "Lavoro Insieme");

        using var unknown = await AddServiceAsync(coordinator, partner.OrganisationId, UniqueCode("NONE"));
        Assert.Equal("unknown_funding_stream", await unknown.FieldErrorCodeAsync("fundingStream"));
        using var over = await AddServiceAsync(coordinator, partner.OrganisationId, ended);
        Assert.Equal("funding_stream_not_current", await over.FieldErrorCodeAsync("fundingStream"));
        using var funded = await AddServiceAsync(coordinator, partner.OrganisationId, code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Created, funded.StatusCode);
        var serviceId = (await funded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serviceId").GetGuid();
        var service = await coordinator.GetFromJsonAsync<JsonElement>($"/services/{serviceId}");
        Assert.Equal(code, service.GetProperty("fundingStream").GetString());

        var client = await scenario.ConsentingClientAsync(partner);
        var referralId = await scenario.ReferAsync(client, serviceId);
        using var caseworker = scenario.As("caseworker");
        Assert.Equal(code, (await Scenario.GetReferralAsync(caseworker, referralId)).GetProperty("fundingStream").GetString());

        // Once the stream has ended, the service's new referrals are paid by nothing the report would name.
        referrals.Clock.Advance(TimeSpan.FromDays(2));
        var later = await scenario.ConsentingClientAsync(partner);
        var unpaid = await Scenario.GetReferralAsync(caseworker, await scenario.ReferAsync(later, serviceId));
        Assert.False(unpaid.TryGetProperty("fundingStream", out _));
        Assert.Equal(code, (await Scenario.GetReferralAsync(caseworker, referralId)).GetProperty("fundingStream").GetString());
    }

    private static object Stream(string code, DateOnly startsOn, DateOnly endsOn) => Scenario.FundingStreamBody(code, startsOn, endsOn);

    private static string UniqueCode(string prefix) => Scenario.UniqueStreamCode(prefix);

    private static Task<HttpResponseMessage> AddServiceAsync(HttpClient coordinator, Guid organisationId, string fundingStream) =>
        coordinator.PostAsJsonAsync($"/organisations/{organisationId}/services", new
        {
            name = "Job coaching",
            category = "employment",
            languages = new[] { "ar" },
            responseHours = 72,
            fundingStream,
        });
}
