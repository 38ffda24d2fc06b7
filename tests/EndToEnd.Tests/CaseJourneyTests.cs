using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// The case, through the gateway across every service: a family, a plan agreed with the person,
/// a referral declined, redirected and accepted with shared progress, a review, and one timeline
/// and worklist that tell the case worker what happened and what is due next.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class CaseJourneyTests(RunningSystem system)
{
    [Fact]
    public async Task a_familys_plan_referral_and_review_show_on_one_timeline_in_order_and_the_next_review_on_the_worklist()
    {
        var office = Gateway.UniqueName("office");
        using var coordinator = await system.SignedInAsync("coordinator");
        using var desk = await system.SignedInAsync("frontdesk", office: office, name: "Lucia Verdi");
        using var worker = await system.SignedInAsync("caseworker", office: office, name: "Omar Haddad");
        var (firstOrganisation, firstService) = await PartnerAsync(coordinator, "Casa");
        var (secondOrganisation, secondService) = await PartnerAsync(coordinator, "Tetto");
        using var firstPartner = await system.SignedInAsync("partner", org: firstOrganisation, name: "Sara Conti");
        using var secondPartner = await system.SignedInAsync("partner", org: secondOrganisation, name: "Luca Moretti");

        var family = Gateway.UniqueName("Hassan");
        var mother = await desk.RegisterAsync("Amal", family, "1986-05-04");
        var father = await desk.RegisterAsync("Karim", family, "1983-11-30");
        var child = await desk.RegisterAsync("Nour", family, Day(-365 * 7));
        var householdId = await Gateway.CreatedIdAsync(desk.PostAsJsonAsync("/api/intake/households", new
        {
            members = new object[] { new { clientId = mother, relationship = "head" }, new { clientId = father, relationship = "spouse" }, new { clientId = child, relationship = "child" } },
        }), "householdId");
        var household = await desk.GetFromJsonAsync<JsonElement>($"/api/intake/households/{householdId}");
        Assert.Equal(3, household.GetProperty("members").GetArrayLength());

        await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/intake/clients/{mother}/consents", new
        {
            purpose = "referral", recipientServiceCategory = "housing", dataCategories = new[] { "identity", "case_notes" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }), "consentId");
        var needId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/intake/clients/{mother}/needs",
            new { domain = "housing", priority = "high", description = "Family of three in one room" }), "needId");
        var planId = Guid.Parse(await Eventually.GetAsync(async () =>
        {
            using var drafted = await worker.PostAsJsonAsync($"/api/intake/clients/{mother}/plans", new
            {
                startsOn = Day(0),
                endsOn = Day(300),
                goals = new object[]
                {
                    new { needId, domain = "housing", description = "A flat for the family", indicator = "Signed lease" },
                    new { domain = "language", description = "Italian A2 for Amal" },
                },
                actions = new object[]
                {
                    new { goal = 1, description = "Attend the course twice a week", responsible = new { kind = "client" }, dueOn = Day(60) },
                    new { goal = 0, description = "Offer a place in the family shelter", responsible = new { kind = "organisation", organisationId = secondOrganisation }, dueOn = Day(30) },
                },
            });
            return drafted.StatusCode == HttpStatusCode.Created
                ? (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("planId").GetString()
                : null;
        }, "the partner organisation known to intake, so the plan can name it"));
        using (var agreed = await worker.PostAsJsonAsync($"/api/intake/clients/{mother}/plans/{planId}/agree",
            new { agreedOn = Day(0), language = "ar", signedByClient = true }))
        {
            Assert.Equal(HttpStatusCode.NoContent, agreed.StatusCode);
        }

        await worker.NeedAndConsentArrivedAsync(mother);
        var referralId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId = mother, needId, serviceId = firstService, urgency = "high" }), "referralId");
        using (var declined = await firstPartner.PostAsJsonAsync($"/api/referrals/referrals/{referralId}/decline",
            new { reason = "not_eligible", note = "Our beds are for single men" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        }

        var redirectedId = await Gateway.CreatedIdAsync(worker.PostAsJsonAsync($"/api/referrals/referrals/{referralId}/redirect",
            new { serviceId = secondService, note = "Family shelter instead" }), "referralId");
        using (var accepted = await secondPartner.PostAsync($"/api/referrals/referrals/{redirectedId}/accept", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        await Gateway.CreatedIdAsync(secondPartner.PostAsJsonAsync($"/api/referrals/referrals/{redirectedId}/updates",
            new { text = "Room 4 is theirs from Monday" }), "updateId");
        var plan = await worker.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{mother}/plans/{planId}");
        using (var reviewed = await worker.PostAsJsonAsync($"/api/intake/clients/{mother}/plans/{planId}/reviews", new
        {
            reviewedOn = Day(0),
            goals = new[] { new { goalId = plan.GetProperty("goals")[0].GetProperty("goalId").GetGuid(), progress = "in_progress", note = "Shelter found" } },
            nextReviewOn = Day(5),
        }))
        {
            Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);
        }

        var partnerView = await secondPartner.GetFromJsonAsync<JsonElement>($"/api/referrals/referrals/{redirectedId}");
        Assert.Equal("Room 4 is theirs from Monday", Assert.Single(partnerView.GetProperty("updates").EnumerateArray()).GetProperty("text").GetString());

        string[] expected =
        [
            "client.registered", "household.joined", "consent.given", "need.added", "plan.drafted", "plan.agreed", "referral.sent",
            "referral.declined", "referral.redirected", "referral.sent", "referral.accepted", "referral.update_posted", "plan.reviewed",
        ];
        var entries = await Eventually.GetAsync(async () =>
        {
            var timeline = await worker.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{mother}/timeline?pageSize=200");
            var items = timeline.GetProperty("items").EnumerateArray().Reverse().ToList();
            return items.Select(entry => entry.GetProperty("type").GetString()).SequenceEqual(expected) ? items : null;
        }, "every step of the case on the timeline, in order");
        var decline = entries.Single(entry => entry.GetProperty("type").GetString() == "referral.declined");
        Assert.Equal(("not_eligible", "Our beds are for single men", "Sara Conti", "referrals"),
            (decline.GetProperty("details").GetProperty("reason").GetString(), decline.GetProperty("details").GetProperty("note").GetString(),
                decline.GetProperty("by").GetProperty("name").GetString(), decline.GetProperty("service").GetString()));
        Assert.Equal("Lucia Verdi", entries[0].GetProperty("by").GetProperty("name").GetString());
        Assert.Equal("Omar Haddad", entries[^1].GetProperty("by").GetProperty("name").GetString());
        Assert.Equal("Luca Moretti", entries[^3].GetProperty("by").GetProperty("name").GetString());
        Assert.Equal(entries.Select(entry => entry.GetProperty("at").GetDateTimeOffset()).Order(), entries.Select(entry => entry.GetProperty("at").GetDateTimeOffset()));

        var worklist = await worker.GetFromJsonAsync<JsonElement>("/api/intake/worklist?kind=plan_review_due");
        var review = Assert.Single(worklist.GetProperty("items").EnumerateArray());
        Assert.Equal((mother, Day(5), planId), (review.GetProperty("clientId").GetGuid(), review.GetProperty("dueOn").GetString(), review.GetProperty("planId").GetGuid()));
    }

    [Fact]
    public async Task steps_taken_while_intake_is_down_reach_the_timeline_when_it_returns()
    {
        var referred = await system.ReferredToNewPartnerAsync("Rifugio ", "housing", ["Beds"], ("Oksana", Gateway.UniqueName("Bondar"), "1979-10-02"));
        using var worker = await system.SignedInAsync("caseworker", office: "milan-central");
        using var partner = await system.SignedInAsync("partner", org: referred.OrganisationId, name: "Elena Russo");
        await Eventually.HoldsAsync(async () => await TypesAsync(worker, referred.ClientId) is var types && types.Contains("referral.sent"),
            "the referral on the timeline");

        await system.Intake.StopAsync();
        try
        {
            using var declined = await partner.PostAsJsonAsync($"/api/referrals/referrals/{referred.ReferralId}/decline",
                new { reason = "no_capacity", note = "Full until March" });
            Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        }
        finally
        {
            await system.Intake.StartAsync();
            await system.Intake.WaitUntilReadyAsync();
        }

        await Eventually.HoldsAsync(async () => await TypesAsync(worker, referred.ClientId) is var types && types.Contains("referral.declined"),
            "the decline made while intake was down");
        var entries = (await worker.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{referred.ClientId}/timeline?pageSize=200"))
            .GetProperty("items").EnumerateArray().ToList();
        var decline = Assert.Single(entries, entry => entry.GetProperty("type").GetString() == "referral.declined");
        Assert.Equal(("Full until March", "Elena Russo"),
            (decline.GetProperty("details").GetProperty("note").GetString(), decline.GetProperty("by").GetProperty("name").GetString()));
    }

    private static async Task<IReadOnlyList<string?>> TypesAsync(HttpClient worker, Guid clientId) =>
        [.. (await worker.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{clientId}/timeline?pageSize=200")).GetProperty("items")
            .EnumerateArray().Select(entry => entry.GetProperty("type").GetString())];

    private static async Task<(Guid Organisation, Guid Service)> PartnerAsync(HttpClient coordinator, string prefix)
    {
        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName(prefix), description = "Housing" }), "organisationId");
        var serviceId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Shelter", category = "housing", languages = new[] { "ar" }, responseHours = 48 }), "serviceId");
        return (organisationId, serviceId);
    }

    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
