using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class MediatorBookingJourneyTests(RunningSystem system)
{
    [Fact]
    public async Task a_mediator_booked_for_a_referral_is_freed_when_the_case_worker_withdraws_the_referral()
    {
        using var coordinator = await system.SignedInAsync("coordinator");
        using var caseworker = await system.SignedInAsync("caseworker");
        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName("Clinica"), description = "Health clinic" }), "organisationId");
        var serviceId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Family doctor", category = "health", languages = new[] { "ti" }, responseHours = 48 }), "serviceId");
        var clientId = await caseworker.RegisterAsync("Yonas", Gateway.UniqueName("Tesfaye"), "1995-09-01");
        await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/consents", new
        {
            purpose = "referral", recipientServiceCategory = "health", dataCategories = new[] { "identity" }, lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }), "consentId");
        var needId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "health", priority = "high", description = "Chest pain for weeks" }), "needId");
        await caseworker.NeedAndConsentArrivedAsync(clientId);
        var referralId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId, urgency = "high" }), "referralId");

        var mediatorId = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Senait Gebre", languages = new[] { new { code = "ti", dialect = (string?)null } }, specialisms = new[] { "health" },
            modes = new[] { "in_person", "phone" },
        });

        await caseworker.ArrivedAsync("mediators", clientId);
        var start = DateTimeOffset.UtcNow.Date.AddDays(3).AddHours(10);
        using var booked = await caseworker.PostAsJsonAsync("/api/mediators/bookings", new
        {
            language = "ti", specialism = "health", start = new DateTimeOffset(start, TimeSpan.Zero), durationMinutes = 45, mode = "in_person",
            location = "Via Padova 36", clientId, referralId,
        });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(mediatorId, booking.GetProperty("mediatorId").GetGuid());
        var bookingId = booking.GetProperty("bookingId").GetGuid();

        using (var withdrawn = await caseworker.PostAsJsonAsync($"/api/referrals/referrals/{referralId}/withdraw", new { reason = "Client moved to Turin" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        }

        await Eventually.HoldsAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/mediators/bookings/{bookingId}")).GetProperty("status").GetString() == "cancelled",
            "the booking cancelled after the referral's withdrawal");
    }
}
