using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Testing;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Tests;

/// <summary>Calls a test class makes to intake, returning what it asserts on.</summary>
internal static class IntakeApi
{
    /// <summary>A full, valid registration with a family name unique to this run, so duplicate checks do not interfere.</summary>
    public static Dictionary<string, object?> NewClient(string givenName = "Amina", string? familyName = null, string dateOfBirth = "1991-04-12")
    {
        return new Dictionary<string, object?>
        {
            ["givenName"] = givenName,
            ["familyName"] = familyName ?? UniqueName(),
            ["dateOfBirth"] = dateOfBirth,
            ["sex"] = "female",
            ["nationalities"] = new[] { "NG" },
            ["languages"] = new[] { new { code = "ha", proficiency = "native" }, new { code = "en", proficiency = "basic" } },
            ["preferredLanguage"] = "ha",
            ["interpreterRequired"] = true,
            ["phone"] = "+39 333 123 4567",
            ["email"] = "amina@example.org",
            ["address"] = new { municipality = "Milano", district = "Municipio 2", postcode = "20127" },
            ["legalStatus"] = new { category = "asylum_seeker", documentNumber = "PS-123456", validUntil = "2027-06-30" },
            ["vulnerabilities"] = new[] { "single_parent" },
        };
    }

    /// <summary>A family name of random letters: real names carry no digits, and folding drops them.</summary>
    public static string UniqueName() =>
        "Fam" + new string([.. Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    public static async Task<Guid> RegisterAsync(this HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/clients", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid();
    }

    public static async Task<(JsonElement Client, string ETag)> GetClientAsync(this HttpClient http, Guid clientId)
    {
        using var response = await http.GetAsync($"/clients/{clientId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request);
    }

    public static DateOnly ToDate(this JsonElement value) =>
        DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A partner organisation intake has learnt of, as referrals' event tells it when the organisation is registered.</summary>
    public static async Task<Guid> KnownOrganisationAsync(this ServiceFixture<IntakeService> intake, string name = "Casa Aperta")
    {
        var organisationId = Guid.NewGuid();
        var before = intake.Consumes.Completed<ReferralEvents.OrganisationRegistered>();
        await intake.Environment.Bus.Publish(new ReferralEvents.OrganisationRegistered(organisationId, name, DateTimeOffset.UtcNow));
        await intake.Consumes.WaitForAsync<ReferralEvents.OrganisationRegistered>(before + 1);
        return organisationId;
    }
}
