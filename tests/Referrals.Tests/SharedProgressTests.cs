using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Referrals.Tests;

/// <summary>
/// The e-folder: updates the case worker and the recipient organisation post on a referral, which
/// the partner reads only while consent shares <c>case_notes</c> with it; and the activity every
/// step publishes for intake's timeline.
/// </summary>
public sealed class SharedProgressTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task the_case_worker_and_the_partner_post_updates_that_both_read_in_order()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        using var worker = Staff("caseworker", "worker-1", "Giulia Rossi");
        using var partnerStaff = Staff("partner", "partner-1", "Sara Conti", partner.OrganisationId);

        using var first = await worker.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "She can start on Monday." });
        using var second = await partnerStaff.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "Met her; room offered from the 15th." });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/referrals/{referralId}", second.Headers.Location?.OriginalString);
        foreach (var reader in new[] { worker, partnerStaff })
        {
            var updates = (await Scenario.GetReferralAsync(reader, referralId)).GetProperty("updates").EnumerateArray().ToList();
            Assert.Equal(["She can start on Monday.", "Met her; room offered from the 15th."], updates.Select(update => update.GetProperty("text").GetString()));
            Assert.Equal(("Giulia Rossi", "Sara Conti"), (updates[0].GetProperty("by").GetProperty("name").GetString(), updates[1].GetProperty("by").GetProperty("name").GetString()));
            Assert.False(updates[0].GetProperty("by").TryGetProperty("organisation", out _));
            Assert.Equal("Casa Aperta", updates[1].GetProperty("by").GetProperty("organisation").GetString());
        }
    }

    [Fact]
    public async Task a_partner_reads_updates_only_while_consent_shares_case_notes_and_loses_them_on_withdrawal()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        var narrow = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId, dataCategories: ["identity"]);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);
        using var worker = scenario.As("caseworker");
        using var partnerStaff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "Trauma history; see the psychologist first." })).StatusCode);

        Assert.Empty((await Scenario.GetReferralAsync(partnerStaff, referralId)).GetProperty("updates").EnumerateArray());
        var wide = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId, dataCategories: ["identity", "case_notes"]);
        Assert.Single((await Scenario.GetReferralAsync(partnerStaff, referralId)).GetProperty("updates").EnumerateArray());
        await scenario.WithdrawConsentAsync(client.ClientId, wide);

        var afterWithdrawal = await Scenario.GetReferralAsync(partnerStaff, referralId);
        Assert.Empty(afterWithdrawal.GetProperty("updates").EnumerateArray());
        Assert.Single((await Scenario.GetReferralAsync(worker, referralId)).GetProperty("updates").EnumerateArray());
        Assert.NotEqual(narrow, wide);
    }

    [Fact]
    public async Task updates_need_text_of_at_most_4000_characters_and_come_only_from_the_referrer_and_the_recipient()
    {
        var (partner, _, referralId) = await scenario.SentReferralAsync();
        var otherPartner = await scenario.AddPartnerAsync(name: "Other");
        using var worker = scenario.As("caseworker");
        using var otherOffice = scenario.As("caseworker", office: "other-office");

        await Problems.AssertFieldErrorAsync(await worker.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = new string('x', 4001) }), "text");
        await Problems.AssertFieldErrorAsync(await worker.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "" }), "text");
        await (await scenario.Partner(otherPartner).PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "hi" })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherOffice.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "hi" })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await scenario.As("coordinator").PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "hi" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/referrals/{referralId}/updates") { Content = JsonContent.Create(new { text = "hi" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        await (await worker.SendAsync(stale)).ProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Empty((await Scenario.GetReferralAsync(scenario.Partner(partner), referralId)).GetProperty("updates").EnumerateArray());
        Assert.Equal(1, (await Scenario.GetReferralAsync(worker, referralId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task every_step_of_a_referral_is_published_for_intake_with_its_client_reason_note_and_the_actors_name()
    {
        await using var activity = await PublishedMessages.ListenAsync<ReferralEvents.ReferralActivity>(referrals.Environment.Bus);
        var (partner, client, referralId) = await scenario.SentReferralAsync();
        using var partnerStaff = Staff("partner", "partner-2", "Sara Conti", partner.OrganisationId);

        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(partnerStaff, referralId, "decline", new { reason = "not_eligible", note = "Families only" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await partnerStaff.PostAsJsonAsync($"/referrals/{referralId}/updates", new { text = "Try the youth hostel" })).StatusCode);

        var sent = await activity.WaitForAsync(message => message.ReferralId == referralId && message.Step == "sent", "the sent step");
        var declined = await activity.WaitForAsync(message => message.ReferralId == referralId && message.Step == "declined", "the declined step");
        var update = await activity.WaitForAsync(message => message.ReferralId == referralId && message.Step == "update_posted", "the update");
        Assert.Equal((client.ClientId, "sent", "Casa Aperta", TestTokens.Office), (sent.ClientId, sent.Status, sent.OrganisationName, sent.Office));
        Assert.Equal(("declined", "not_eligible", "Families only", "Sara Conti", client.ClientId),
            (declined.Status, declined.Facts["reason"], declined.Note, declined.ByName, declined.ClientId));
        Assert.True(declined.Sequence > sent.Sequence);
        Assert.Equal(("", "Try the youth hostel"), (update.Status, update.Note));
    }

    [Fact]
    public async Task a_corrected_identity_and_a_transfer_reach_the_client_reference()
    {
        var client = await scenario.RegisterClientAsync();
        await scenario.PublishAsync(new IntakeEvents.ClientIdentityCorrected(client.ClientId, "Yevhen", "Kovalenko", new DateOnly(1979, 3, 2), DateTimeOffset.UtcNow));
        await scenario.PublishAsync(new IntakeEvents.ClientTransferred(client.ClientId, TestTokens.Office, "florence", DateTimeOffset.UtcNow));
        using var coordinator = scenario.As("coordinator");

        await Eventually.HoldsAsync(async () =>
        {
            var reference = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{client.ClientId}");
            return reference.GetProperty("familyName").GetString() == "Kovalenko" && reference.GetProperty("office").GetString() == "florence";
        }, "the corrected name and the new office");
        await (await scenario.As("caseworker").GetAsync($"/clients/{client.ClientId}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await scenario.As("caseworker", office: "florence").GetAsync($"/clients/{client.ClientId}")).StatusCode);
    }

    private HttpClient Staff(string role, string subject, string name, Guid? organisation = null) =>
        referrals.CreateClient().As(role, subject, organisation?.ToString(), name: name);
}
