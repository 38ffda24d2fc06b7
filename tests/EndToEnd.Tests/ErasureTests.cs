using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class ErasureTests(RunningSystem system)
{
    [Fact]
    public async Task after_erasure_no_database_of_any_service_holds_the_person_readably_what_was_open_is_withdrawn_and_the_reports_still_count_it()
    {
        var office = Gateway.UniqueName("office");
        using var coordinator = await system.SignedInAsync("coordinator");
        using var caseworker = await system.SignedInAsync("caseworker", office: office);
        var givenName = Gateway.UniqueName("Given");
        var familyName = Gateway.UniqueName("Family");
        var dateOfBirth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(365 * 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var documentNumber = "E2E" + Gateway.UniqueName("").ToUpperInvariant();
        var note = $"Told us about {Gateway.UniqueName("secret")}";
        var location = $"Via {Gateway.UniqueName("")} 7";
        string[] personal = [givenName, familyName, dateOfBirth, documentNumber, note, location];

        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName("Casa"), description = "Health centre" }), "organisationId");
        var serviceId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Clinic", category = "health", languages = new[] { "rw" }, responseHours = 24 }), "serviceId");
        var clientId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/intake/clients", new
        {
            givenName, familyName, dateOfBirth,
            legalStatus = new { category = "asylum_seeker", documentNumber },
        }), "clientId");
        await caseworker.ConsentAsync(clientId, new
        {
            purpose = "referral", recipientOrganisationId = organisationId, dataCategories = new[] { "identity", "needs" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        var needId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "health", priority = "high", description = note }), "needId");
        await caseworker.NeedAndConsentArrivedAsync(clientId);
        var referralId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId, urgency = "high", note }), "referralId");
        using var partner = await system.SignedInAsync("partner", org: organisationId);
        using (var accepted = await partner.PostAsync($"/api/referrals/referrals/{referralId}/accept", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(5).AddHours(9), TimeSpan.Zero);
        await caseworker.ArrivedAsync("mediators", clientId);
        var mediatorId = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Aline Uwase", languages = new[] { new { code = "rw" } }, modes = new[] { "in_person" },
        });

        await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "rw", start, durationMinutes = 45, mode = "in_person", location, clientId }), "bookingId");
        var caseloadPath = $"/api/referrals/caseload?office={office}";
        var day = DateOnly.FromDateTime(start.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var demandPath = $"/api/mediators/demand?from={day}&to={day}";
        var caseloadBefore = await TotalsWhenAsync(coordinator, caseloadPath, totals => totals.GetProperty("accepted").GetInt64() == 1);
        var demandBefore = await TotalsWhenAsync(coordinator, demandPath, totals => totals.GetProperty("requests").GetInt32() == 1);
        Assert.Equal(personal.Length, (await ScanAllServicesAsync(personal)).Select(hit => hit.Split(": ")[1]).Distinct().Count());

        using (var erased = await coordinator.PostAsync($"/api/intake/clients/{clientId}/erasure", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{clientId}/erasure")).GetProperty("status").GetString() == "complete",
            "every service to confirm the erasure");
        var found = await ScanAllServicesAsync(personal);
        Assert.True(found.Count == 0, $"still readable after erasure: {string.Join("; ", found)}");
        // What was open is withdrawn or cancelled (the person will not come); the reports still count it.
        var caseloadAfter = JsonDocument.Parse(await TotalsWhenAsync(coordinator, caseloadPath,
            totals => totals.GetProperty("byStatus").TryGetProperty("withdrawn", out var withdrawn) && withdrawn.GetInt64() == 1)).RootElement;
        var demandAfter = JsonDocument.Parse(await TotalsWhenAsync(coordinator, demandPath, totals => totals.GetProperty("cancelled").GetInt32() == 1)).RootElement;
        Assert.Equal(JsonDocument.Parse(caseloadBefore).RootElement.GetProperty("total").GetInt64(), caseloadAfter.GetProperty("total").GetInt64());
        Assert.Equal(JsonDocument.Parse(demandBefore).RootElement.GetProperty("requests").GetInt32(), demandAfter.GetProperty("requests").GetInt32());
        Assert.Equal(HttpStatusCode.Gone, (await caseworker.GetAsync($"/api/intake/clients/{clientId}")).StatusCode);
    }

    private Task<IReadOnlyList<string>> ScanAllServicesAsync(IReadOnlyCollection<string> values) =>
        system.Environment.ScanForPersonalDataAsync(["intake", "referrals", "mediators"], values);

    /// <summary>A report's totals once they satisfy <paramref name="ready"/> (the reports are async projections).</summary>
    private static async Task<string> TotalsWhenAsync(HttpClient coordinator, string path, Func<JsonElement, bool> ready) =>
        await Eventually.GetAsync(async () =>
        {
            var totals = (await coordinator.GetFromJsonAsync<JsonElement>(path)).GetProperty("totals");
            return ready(totals) ? totals.ToString() : null;
        }, $"the totals of {path}");
}
