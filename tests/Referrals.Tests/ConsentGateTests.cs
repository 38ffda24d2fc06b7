using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Referrals.Consents;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Referrals.Tests;

public sealed class ConsentGateTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task a_referral_without_any_consent_is_refused_with_consent_required_and_nothing_is_stored()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();

        using var response = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("consent_required", await Scenario.CodeOf(response));
        Assert.Equal(0, await ReferralCountAsync(client.ClientId));
    }

    [Fact]
    public async Task consent_to_another_organisation_or_for_another_purpose_does_not_open_the_gate()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        await scenario.GiveConsentAsync(client.ClientId, organisationId: Guid.NewGuid());
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId, purpose: "statistics");

        using var response = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal("consent_required", await Scenario.CodeOf(response));
    }

    [Fact]
    public async Task consent_for_the_services_category_covers_every_organisation_offering_it()
    {
        var partner = await scenario.AddPartnerAsync(category: "legal");
        var client = await scenario.RegisterClientAsync(domain: "legal");
        await scenario.GiveConsentAsync(client.ClientId, category: "legal");

        using var response = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task an_expired_consent_no_longer_covers_a_new_referral()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId, expiresAt: referrals.Clock.GetUtcNow().AddHours(1));

        referrals.Clock.Advance(TimeSpan.FromHours(2));
        using var response = await scenario.TryReferAsync(client, partner.ServiceId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("consent_required", await Scenario.CodeOf(response));
    }

    [Fact]
    public async Task withdrawing_consent_suspends_the_open_referral_and_hides_the_client_from_the_partner()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        var consentId = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);
        using var staff = scenario.Partner(partner);
        Assert.Equal("Amina", (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("client").GetProperty("givenName").GetString());

        await scenario.WithdrawConsentAsync(client.ClientId, consentId);

        var referral = await Eventually.GetAsync(async () =>
        {
            var current = await Scenario.GetReferralAsync(staff, referralId);
            return current.GetProperty("status").GetString() == "suspended" ? (object)current : null;
        }, "the referral suspended");
        var seen = (JsonElement)referral;
        Assert.False(seen.TryGetProperty("client", out _));
        Assert.Empty(seen.GetProperty("sharedDataCategories").EnumerateArray());
        using var acceptance = await Scenario.ActAsync(staff, referralId, "accept");
        Assert.Equal(HttpStatusCode.Conflict, acceptance.StatusCode);
        var inbox = await staff.GetFromJsonAsync<JsonElement>("/inbox?status=suspended");
        Assert.Equal(1, inbox.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task a_consent_expiring_after_the_referral_suspends_it()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        var consentId = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId, expiresAt: referrals.Clock.GetUtcNow().AddDays(30));
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);

        await scenario.ExpireConsentAsync(client.ClientId, consentId);

        using var staff = scenario.Partner(partner);
        await Eventually.HoldsAsync(async () =>
            (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("status").GetString() == "suspended", "the referral suspended");
        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.False(referral.TryGetProperty("client", out _));
        Assert.Equal("suspended", referral.GetProperty("timeline").EnumerateArray().Last().GetProperty("type").GetString());
    }

    [Fact]
    public async Task a_referral_covered_by_a_second_consent_stays_open_when_the_first_is_withdrawn()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        var first = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        await scenario.GiveConsentAsync(client.ClientId, category: "housing", dataCategories: ["identity"]);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);

        await scenario.WithdrawConsentAsync(client.ClientId, first);

        using var staff = scenario.Partner(partner);
        var referral = await Scenario.GetReferralAsync(staff, referralId);
        Assert.Equal("sent", referral.GetProperty("status").GetString());
        Assert.Equal(["identity"], referral.GetProperty("sharedDataCategories").EnumerateArray().Select(category => category.GetString()));
    }

    [Fact]
    public async Task the_partner_sees_only_the_data_categories_the_client_agreed_to_share()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner, dataCategories: ["identity", "language"]);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);
        using var staff = scenario.Partner(partner);

        var shared = (await Scenario.GetReferralAsync(staff, referralId)).GetProperty("client");
        var inboxItem = (await staff.GetFromJsonAsync<JsonElement>("/inbox")).GetProperty("items")[0];

        foreach (var seen in new[] { shared, inboxItem.GetProperty("client") })
        {
            var fields = seen.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["dateOfBirth", "familyName", "givenName", "interpreterRequired", "languages", "preferredLanguage"], fields);
        }

        Assert.False(inboxItem.TryGetProperty("note", out _));
    }

    [Fact]
    public async Task with_legal_status_and_case_notes_shared_the_partner_reads_them()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.ConsentingClientAsync(partner, dataCategories: ["legal_status", "case_notes", "needs", "contact"]);
        var referralId = await scenario.ReferAsync(client, partner.ServiceId);
        using var staff = scenario.Partner(partner);

        var referral = await Scenario.GetReferralAsync(staff, referralId);

        var shared = referral.GetProperty("client");
        Assert.Equal("asylum_seeker", shared.GetProperty("legalStatus").GetString());
        Assert.Equal("Needs a room before the winter", shared.GetProperty("needDescription").GetString());
        Assert.Equal("+39 333 1234567", shared.GetProperty("phone").GetString());
        Assert.False(shared.TryGetProperty("givenName", out _));
        Assert.Equal("Family of four", referral.GetProperty("note").GetString());
    }

    [Fact]
    public async Task coordinators_see_the_referral_without_personal_data()
    {
        var (_, _, referralId) = await scenario.SentReferralAsync();
        using var coordinator = scenario.As("coordinator");

        var referral = await Scenario.GetReferralAsync(coordinator, referralId);

        Assert.False(referral.TryGetProperty("client", out _));
        Assert.Equal("Family of four", referral.GetProperty("note").GetString());
    }

    [Fact]
    public async Task a_referral_marks_the_consent_it_relies_on_so_the_consents_end_cannot_pass_it_unseen()
    {
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync();
        var consentId = await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        var store = referrals.Services.GetRequiredService<IDocumentStore>();

        var referralId = await scenario.ReferAsync(client, partner.ServiceId);

        await using var session = store.LightweightSession();
        var consentEvents = await session.Events.FetchStreamAsync(consentId);
        var reliedOn = Assert.IsType<ConsentReliedOn>(consentEvents[^1].Data);
        Assert.Equal(referralId, reliedOn.ReferralId);
        session.Events.Append(consentId, consentEvents.Count, new ConsentReliedOn(consentId, Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Assert.ThrowsAnyAsync<JasperFx.ConcurrencyException>(() => session.SaveChangesAsync());
    }

    private async Task<long> ReferralCountAsync(Guid clientId)
    {
        using var caseworker = scenario.As("caseworker");
        return (await caseworker.GetFromJsonAsync<JsonElement>($"/referrals?clientId={clientId}")).GetProperty("total").GetInt64();
    }
}
