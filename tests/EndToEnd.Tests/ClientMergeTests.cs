using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

/// <summary>A merge in intake reaches every service over RabbitMQ, even one that was down when it was made, and an unmerge undoes it there too.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class ClientMergeTests(RunningSystem system)
{
    [Fact]
    public async Task a_merge_made_while_referrals_is_down_moves_the_referral_once_it_is_back_and_the_booking_at_once_and_an_unmerge_moves_both_back()
    {
        var partner = await system.ReferredToNewPartnerAsync("Casa", "housing", ["Shelter"], ("Aminu", Gateway.UniqueName("Bello"), "1992-02-12"));
        var duplicate = partner.ClientId;
        using var coordinator = await system.SignedInAsync("coordinator");
        using var caseworker = await system.SignedInAsync("caseworker", office: "milan-central");
        await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Hauwa Sani", languages = new[] { new { code = "ha", dialect = (string?)null } }, specialisms = new[] { "social_services" },
            modes = new[] { "phone" },
        });
        await caseworker.ArrivedAsync("mediators", duplicate);
        var bookingId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/mediators/bookings", new
        {
            language = "ha", specialism = "social_services", start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(4).AddHours(9), TimeSpan.Zero),
            durationMinutes = 30, mode = "phone", clientId = duplicate,
        }), "bookingId");
        var survivor = await caseworker.RegisterAsync("Aminu", Gateway.UniqueName("Bello"), "1992-12-02");
        await caseworker.ArrivedAsync("referrals", survivor);
        await caseworker.ArrivedAsync("mediators", survivor);

        await system.Referrals.StopAsync();
        try
        {
            using var merged = await caseworker.PostAsJsonAsync($"/api/intake/clients/{survivor}/merge",
                new { duplicateId = duplicate, reason = "Same passport, day and month swapped" });
            Assert.Equal(HttpStatusCode.NoContent, merged.StatusCode);
            await Eventually.HoldsAsync(async () => await ClientOfAsync(caseworker, $"/api/mediators/bookings/{bookingId}") == survivor,
                "the booking to follow the merge");
        }
        finally
        {
            await system.Referrals.StartAsync();
            await system.Referrals.WaitUntilReadyAsync();
        }

        await Eventually.HoldsAsync(async () => await ClientOfAsync(caseworker, $"/api/referrals/referrals/{partner.ReferralId}") == survivor,
            "the referral to follow the merge once referrals is back");
        using var referDuplicate = await caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId = duplicate, needId = partner.NeedId, serviceId = partner.ServiceIds[0], urgency = "low" });
        Assert.Equal(HttpStatusCode.Conflict, referDuplicate.StatusCode);

        using var unmerged = await caseworker.PostAsJsonAsync($"/api/intake/clients/{survivor}/unmerge",
            new { duplicateId = duplicate, reason = "Brothers with one name" });
        Assert.Equal(HttpStatusCode.NoContent, unmerged.StatusCode);

        await Eventually.HoldsAsync(async () => await ClientOfAsync(caseworker, $"/api/referrals/referrals/{partner.ReferralId}") == duplicate,
            "the referral to go back at the unmerge");
        await Eventually.HoldsAsync(async () => await ClientOfAsync(caseworker, $"/api/mediators/bookings/{bookingId}") == duplicate,
            "the booking to go back at the unmerge");
    }

    private static async Task<Guid?> ClientOfAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid() : null;
    }
}
