using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tests;

public sealed class ErasureTests(ReferralsFixture referrals) : IClassFixture<ReferralsFixture>
{
    private readonly Scenario scenario = new(referrals);

    [Fact]
    public async Task erasure_masks_the_client_and_every_referral_note_withdraws_what_is_open_keeps_the_referrals_counted_and_is_confirmed_to_intake()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var person = new Person("Given" + tag, "Family" + tag, new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(365 * 60)),
            "+39 " + tag[..9], tag + "@example.org");
        var partner = await scenario.AddPartnerAsync();
        var client = await scenario.RegisterClientAsync(person: person);
        await scenario.GiveConsentAsync(client.ClientId, partner.OrganisationId);
        using var created = await scenario.TryReferAsync(client, partner.ServiceId, note: $"Referral note {tag}");
        var referralId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetGuid();
        using var partnerStaff = scenario.Partner(partner);
        Assert.Equal(HttpStatusCode.NoContent,
            (await Scenario.ActAsync(partnerStaff, referralId, "decline", new { reason = "other", note = $"Decline note {tag}" })).StatusCode);
        var secondService = await scenario.AddServiceAsync(partner.OrganisationId, "housing");
        using var caseworker = scenario.As("caseworker");
        using var redirected = await Scenario.ActAsync(caseworker, referralId, "redirect", new { serviceId = secondService, note = $"Redirect note {tag}" });
        Assert.Equal(HttpStatusCode.Created, redirected.StatusCode);
        var successorId = (await redirected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await partnerStaff.PostAsJsonAsync($"/referrals/{successorId}/updates", new { text = $"Update {tag}" })).StatusCode);
        var versionBefore = (await caseworker.GetFromJsonAsync<JsonElement>($"/clients/{client.ClientId}")).GetProperty("version").GetInt32();
        await scenario.PublishAsync(new IntakeEvents.ClientIdentityCorrected(client.ClientId, person.GivenName, person.FamilyName, person.DateOfBirth,
            DateTimeOffset.UtcNow));
        string[] personal = [person.GivenName, person.FamilyName, person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            person.Phone, person.Email, $"Referral note {tag}", $"Decline note {tag}", $"Redirect note {tag}", $"Update {tag}"];
        await Eventually.HoldsAsync(async () => (await caseworker.GetFromJsonAsync<JsonElement>($"/clients/{client.ClientId}")).GetProperty("version").GetInt32() == versionBefore + 1,
            "the identity correction in the client reference");
        Assert.Equal(personal.Length, (await ScanAsync(personal)).Select(hit => hit.Split(": ")[1]).Distinct().Count());
        var caseloadBefore = await CaseloadAsync();
        await using var confirmations = await PublishedMessages.ListenAsync<IntakeEvents.ClientErasureConfirmed>(Bus);

        await scenario.PublishAsync(new IntakeEvents.ClientErased(client.ClientId, DateTimeOffset.UtcNow));

        var confirmation = await confirmations.WaitForAsync(message => message.ClientId == client.ClientId, "referrals' erasure confirmation");
        Assert.Equal("referrals", confirmation.Service);
        Assert.Empty(await ScanAsync(personal));
        var (before, after) = (JsonDocument.Parse(caseloadBefore).RootElement.GetProperty("totals"), JsonDocument.Parse(await CaseloadAsync()).RootElement.GetProperty("totals"));
        Assert.Equal(before.GetProperty("total").GetInt64(), after.GetProperty("total").GetInt64());
        Assert.Equal(1, before.GetProperty("byStatus").GetProperty("sent").GetInt64());
        Assert.False(after.GetProperty("byStatus").TryGetProperty("sent", out _));
        Assert.Equal(1, after.GetProperty("byStatus").GetProperty("withdrawn").GetInt64());
        var successor = await Scenario.GetReferralAsync(partnerStaff, successorId);
        Assert.Equal("withdrawn", successor.GetProperty("status").GetString());
        Assert.False(successor.TryGetProperty("client", out _));
        var reference = await caseworker.GetFromJsonAsync<JsonElement>($"/clients/{client.ClientId}");
        Assert.Equal("[erased]", reference.GetProperty("givenName").GetString());
        Assert.Equal("[erased]", Assert.Single(reference.GetProperty("needs").EnumerateArray()).GetProperty("description").GetString());
        var declined = await Scenario.GetReferralAsync(caseworker, referralId);
        Assert.Equal("redirected", declined.GetProperty("status").GetString());
        Assert.Equal("[erased]", declined.GetProperty("note").GetString());
        Assert.All(declined.GetProperty("timeline").EnumerateArray().Where(entry => entry.TryGetProperty("note", out _)),
            entry => Assert.Equal("[erased]", entry.GetProperty("note").GetString()));
        Assert.False(reference.TryGetProperty("dateOfBirth", out _));
        using var accept = await Scenario.ActAsync(partnerStaff, successorId, "accept");
        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.Equal("client_erased", await Scenario.CodeOf(accept));
        using var another = await scenario.TryReferAsync(client, partner.ServiceId);
        Assert.Equal("client_erased", await Scenario.CodeOf(another));
    }

    [Fact]
    public async Task an_erasure_that_overtakes_the_registration_leaves_a_blank_reference_and_repeats_are_confirmed_once()
    {
        var clientId = Guid.NewGuid();
        var familyName = "Late" + Guid.NewGuid().ToString("N")[..10];
        await using var confirmations = await PublishedMessages.ListenAsync<IntakeEvents.ClientErasureConfirmed>(Bus);
        var erased = new IntakeEvents.ClientErased(clientId, DateTimeOffset.UtcNow);

        await scenario.PublishAsync(erased);
        await scenario.PublishAsync(erased);
        await confirmations.WaitForAsync(message => message.ClientId == clientId, "referrals' erasure confirmation");
        await scenario.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Selam", familyName, new DateOnly(1993, 3, 3), DateTimeOffset.UtcNow));
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(1);
        await referrals.Consumes.WaitForAsync<IntakeEvents.ClientErased>(2);

        Assert.Single(confirmations.Received, message => message.ClientId == clientId);
        using var coordinator = scenario.As("coordinator");
        var reference = await coordinator.GetFromJsonAsync<JsonElement>($"/clients/{clientId}");
        Assert.Equal("[erased]", reference.GetProperty("familyName").GetString());
        Assert.Empty(await ScanAsync([familyName]));
    }

    private IBus Bus => referrals.Environment.Bus;

    private Task<IReadOnlyList<string>> ScanAsync(IReadOnlyCollection<string> values) =>
        PersonalDataScan.FindAsync(referrals.Environment.Postgres, referrals.Schema, values);

    private async Task<string> CaseloadAsync()
    {
        await referrals.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        using var coordinator = scenario.As("coordinator");
        return await coordinator.GetStringAsync("/caseload");
    }
}
