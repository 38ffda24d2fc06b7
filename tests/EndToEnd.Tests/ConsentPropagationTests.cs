using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class ConsentPropagationTests(RunningSystem system)
{
    [Fact]
    public async Task a_consent_withdrawn_at_intake_reaches_referrals_as_withdrawn()
    {
        using var http = await system.SignedInAsync("caseworker");
        var clientId = await http.RegisterAsync("Farida", Gateway.UniqueName("Rahimi"), "1996-11-02");
        using var given = await http.PostAsJsonAsync($"/api/intake/clients/{clientId}/consents", new
        {
            purpose = "referral",
            recipientServiceCategory = "housing",
            dataCategories = new[] { "identity", "contact" },
            lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var consentId = (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consentId").GetGuid();
        await StatusInReferralsAsync(http, clientId, "active");

        using var withdrawn = await http.PostAsJsonAsync($"/api/intake/clients/{clientId}/consents/{consentId}/withdraw", new { reason = "Client asked" });

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        await StatusInReferralsAsync(http, clientId, "withdrawn");
    }

    private static Task StatusInReferralsAsync(HttpClient http, Guid clientId, string status) =>
        Eventually.HoldsAsync(async () =>
        {
            // Until referrals knows the client, a case worker gets a 404 for it.
            using var response = await http.GetAsync($"/api/referrals/clients/{clientId}/consents");
            var consents = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return consents.ValueKind == JsonValueKind.Array && consents.GetArrayLength() == 1 && consents[0].GetProperty("status").GetString() == status;
        }, $"the consent to be {status} in referrals");
}
