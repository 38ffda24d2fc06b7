using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Referrals.Referrals;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

public sealed class ReferralLifecycleTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Theory]
    [InlineData(3000)]
    [InlineData(2000)]
    public async Task a_first_contact_outside_the_referrals_life_points_at_the_time_and_changes_nothing(int year)
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "accept")).StatusCode);

        using var refused = await Scenario.ActAsync(staff, referralId, "first-contact", new { at = new DateTimeOffset(year, 1, 1, 9, 0, 0, TimeSpan.Zero) });

        var problem = await Problems.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "contact_time_invalid");
        Assert.Single(problem.GetProperty("errors").GetProperty("at").EnumerateArray());
        Assert.Equal("accepted", (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_referral_goes_round_the_closed_loop_and_its_timeline_shows_who_did_what()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);

        using (var accepted = await Scenario.ActAsync(staff, referralId, "accept"))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
            Assert.Equal("\"2\"", accepted.Headers.ETag?.Tag);
        }

        referrals.Clock.Advance(TimeSpan.FromMinutes(10));
        var contactAt = referrals.Clock.GetUtcNow().AddMinutes(-5);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "first-contact", new { at = contactAt })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await Scenario.ActAsync(staff, referralId, "complete", new { outcome = "service_delivered", note = "Room found" })).StatusCode);

        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.Equal("completed", referral.GetProperty("status").GetString());
        Assert.Equal("service_delivered", referral.GetProperty("outcome").GetString());
        Assert.Equal(client.ClientId, referral.GetProperty("clientId").GetGuid());
        var timeline = referral.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["sent", "accepted", "first_contact", "completed"], timeline.Select(entry => entry.GetProperty("type").GetString()));
        Assert.Equal("caseworker-user", timeline[0].GetProperty("by").GetString());
        Assert.All(timeline.Skip(1), entry => Assert.Equal("partner-user", entry.GetProperty("by").GetString()));
        Assert.Equal("service_delivered", timeline[3].GetProperty("details").GetProperty("outcome").GetString());
        Assert.Equal("Room found", timeline[3].GetProperty("note").GetString());
        Assert.Equal($"Completed by {referral.GetProperty("organisationName").GetString()}: service_delivered.",
            timeline[3].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task the_stored_timeline_holds_each_steps_facts_and_no_words()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "decline", new { reason = "no_capacity" })).StatusCode);

        await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
        using var stored = JsonDocument.Parse((await session.Json.FindByIdAsync<Referral>(referralId))!);

        var timeline = stored.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["sent", "declined"], timeline.Select(entry => entry.GetProperty("type").GetString()));
        Assert.All(timeline, entry => Assert.False(entry.TryGetProperty("summary", out _)));
        Assert.Equal("no_capacity", timeline[1].GetProperty("facts").GetProperty("reason").GetString());
        Assert.True(timeline[0].GetProperty("facts").TryGetProperty("response_due_at", out _));
    }

    [Fact]
    public async Task a_partner_declines_with_a_coded_reason()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);

        using var declined = await Scenario.ActAsync(staff, referralId, "decline", new { reason = "no_capacity", note = "Full until March" });

        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.Equal("declined", referral.GetProperty("status").GetString());
        Assert.Equal("no_capacity", referral.GetProperty("declineReason").GetString());
    }

    [Theory]
    [InlineData("{}", "reason")]
    [InlineData("{\"reason\":\"too_busy\"}", "reason")]
    [InlineData("{\"reason\":\"other\"}", "note")]
    public async Task a_decline_without_a_known_reason_is_refused_and_changes_nothing(string body, string field)
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);

        using var response = await staff.PostAsync($"/referrals/{referralId}/decline", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Equal(1, (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task a_waitlisted_referral_can_still_be_accepted_and_then_end_as_a_no_show()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        var expected = DateOnly.FromDateTime(referrals.Clock.GetUtcNow().UtcDateTime).AddDays(30);

        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "waitlist", new { estimatedDate = expected })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "no-show")).StatusCode);

        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.Equal("no_show", referral.GetProperty("status").GetString());
        Assert.Equal(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            referral.GetProperty("waitlistedUntil").GetString());
    }

    [Theory]
    [InlineData("first-contact")]
    [InlineData("complete")]
    [InlineData("no-show")]
    public async Task steps_after_acceptance_are_refused_on_a_sent_referral_with_its_status(string action)
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        object? body = action switch
        {
            "first-contact" => new { at = referrals.Clock.GetUtcNow() },
            "complete" => new { outcome = "service_delivered" },
            _ => null,
        };

        using var response = await Scenario.ActAsync(staff, referralId, action, body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_transition", problem.GetProperty("code").GetString());
        Assert.Equal("sent", problem.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("waitlist")]
    [InlineData("first-contact")]
    [InlineData("complete")]
    [InlineData("no-show")]
    [InlineData("withdraw")]
    public async Task a_completed_referral_allows_no_further_step(string action)
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        using var caseworker = scenario.As("caseworker");
        await Scenario.ActAsync(staff, referralId, "accept");
        await Scenario.ActAsync(staff, referralId, "complete", new { outcome = "service_delivered" });
        var (http, body) = action switch
        {
            "decline" => (staff, (object?)new { reason = "no_capacity" }),
            "first-contact" => (staff, new { at = referrals.Clock.GetUtcNow() }),
            "complete" => (staff, new { outcome = "other" }),
            "withdraw" => (caseworker, new { reason = "Client moved away" }),
            _ => (staff, null),
        };

        using var response = await Scenario.ActAsync(http, referralId, action, body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_transition", problem.GetProperty("code").GetString());
        Assert.Equal("completed", problem.GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_case_worker_withdraws_an_open_referral_with_a_reason()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var caseworker = scenario.As("caseworker");

        using (var missingReason = await Scenario.ActAsync(caseworker, referralId, "withdraw", new { reason = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent,
            (await Scenario.ActAsync(caseworker, referralId, "withdraw", new { reason = "The client found a room" })).StatusCode);
        using var staff = scenario.Partner(partner);
        using var acceptance = await Scenario.ActAsync(staff, referralId, "accept");
        Assert.Equal(HttpStatusCode.Conflict, acceptance.StatusCode);
        Assert.Equal("withdrawn", (await Scenario.GetReferralAsync(caseworker, referralId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task only_the_recipient_organisation_acts_on_a_referral_and_only_case_workers_withdraw()
    {
        var (_, _, referralId) = await scenario.SentReferralAsync();
        using var caseworker = scenario.As("caseworker");
        using var partnerStaff = scenario.As("partner", Guid.NewGuid());

        using var caseworkerAccepts = await Scenario.ActAsync(caseworker, referralId, "accept");
        using var partnerWithdraws = await Scenario.ActAsync(partnerStaff, referralId, "withdraw", new { reason = "not ours" });

        Assert.Equal(HttpStatusCode.Forbidden, caseworkerAccepts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partnerWithdraws.StatusCode);
    }

    [Fact]
    public async Task a_redirect_ends_the_referral_and_starts_a_linked_one_to_the_other_service()
    {
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        var other = await scenario.AddPartnerAsync(name: "Casa Nuova");
        await scenario.GiveConsentAsync(client.ClientId, other.OrganisationId);
        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, referralId, "decline", new { reason = "out_of_area" });
        using var caseworker = scenario.As("caseworker");

        using var redirected = await Scenario.ActAsync(caseworker, referralId, "redirect", new { serviceId = other.ServiceId, note = "Closer to home" });

        Assert.Equal(HttpStatusCode.Created, redirected.StatusCode);
        var successorId = (await redirected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetGuid();
        var original = await Scenario.GetReferralAsync(caseworker, referralId);
        var successor = await Scenario.GetReferralAsync(caseworker, successorId);
        Assert.Equal("redirected", original.GetProperty("status").GetString());
        Assert.Equal(successorId, original.GetProperty("redirectedTo").GetGuid());
        Assert.Equal(referralId, successor.GetProperty("redirectedFrom").GetGuid());
        Assert.Equal("sent", successor.GetProperty("status").GetString());
        Assert.Equal(other.ServiceId, successor.GetProperty("serviceId").GetGuid());
        Assert.Equal(client.NeedId, successor.GetProperty("needId").GetGuid());
        Assert.Equal($"/referrals/{successorId}", redirected.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task a_redirect_to_a_recipient_without_consent_is_refused_and_leaves_the_referral_as_it_was()
    {
        var (_, _, referralId) = await scenario.SentReferralAsync();
        var other = await scenario.AddPartnerAsync(name: "Senza Consenso");
        using var caseworker = scenario.As("caseworker");

        using var redirected = await Scenario.ActAsync(caseworker, referralId, "redirect", new { serviceId = other.ServiceId });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, redirected.StatusCode);
        Assert.Equal("consent_required", await Scenario.CodeOf(redirected));
        Assert.Equal("sent", (await Scenario.GetReferralAsync(caseworker, referralId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_with_412()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var staff = scenario.Partner(partner);
        await Scenario.ActAsync(staff, referralId, "waitlist", new { });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/referrals/{referralId}/accept");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("waitlisted", (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task concurrent_accept_and_decline_of_one_referral_let_exactly_one_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var (partner, _, referralId) = await scenario.SentReferralAsync();
            using var first = scenario.Partner(partner);
            using var second = scenario.Partner(partner);

            var responses = await Task.WhenAll(
                Scenario.ActAsync(first, referralId, "accept"),
                Scenario.ActAsync(second, referralId, "decline", new { reason = "no_capacity" }));

            var statuses = responses.Select(response => response.StatusCode).ToList();
            Assert.Single(statuses, HttpStatusCode.NoContent);
            Assert.Single(statuses, HttpStatusCode.Conflict);
            await using var session = referrals.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var events = await session.Events.FetchStreamAsync(referralId);
            Assert.Equal(2, events.Count);
            var winner = responses[0].StatusCode == HttpStatusCode.NoContent ? ReferralStatus.Accepted : ReferralStatus.Declined;
            Assert.Equal(winner, (await session.LoadAsync<Referral>(referralId))!.Status);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
