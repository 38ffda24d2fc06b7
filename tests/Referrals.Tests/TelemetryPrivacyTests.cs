using System.Net;
using System.Net.Http.Json;

namespace Integration.Referrals.Tests;

/// <summary>Referrals with every category at Trace and every log line kept (<see cref="TelemetryCapture"/>).</summary>
public sealed class CapturedReferralsFixture() : ReferralsFixture(TelemetryCapture.TraceEverywhere, Capture.Register)
{
    public static readonly TelemetryCapture Capture = new();
}

public sealed class TelemetryPrivacyTests(CapturedReferralsFixture referrals) : IClassFixture<CapturedReferralsFixture>, IDisposable
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task a_referral_journey_leaves_no_personal_data_in_logs_or_spans()
    {
        CapturedReferralsFixture.Capture.RecordSpans();
        var person = new Person("Zerihun", "Wolderufael", new DateOnly(1979, 11, 23), "+39 347 555 0199", "zerihun@example.org");
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync(person: person);
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        using (var sent = await scenario.TryReferAsync(client, partner.ServiceId, note: "Sleeps in the car with his daughter Meskerem"))
        {
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        using var staff = scenario.Partner(partner);
        var inbox = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>("/inbox");
        var referralId = inbox.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/referrals/{referralId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Scenario.ActAsync(staff, referralId, "decline",
            new { reason = "other", note = "Zerihun already has a place at Via Padova" })).StatusCode);
        using var caseworker = scenario.As("caseworker");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/referrals?clientId={client.ClientId}")).StatusCode);

        CapturedReferralsFixture.Capture.AssertNoneOf(
            person.GivenName, person.FamilyName, "1979-11-23", "23/11/1979", "347 555", "3475550199", person.Email, "Meskerem", "Via Padova");
    }

    public void Dispose() => CapturedReferralsFixture.Capture.Dispose();
}
