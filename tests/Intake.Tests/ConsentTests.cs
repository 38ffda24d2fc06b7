using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Runs the expiry sweep every second and ranks at most three name matches, so both limits can be observed.</summary>
public sealed class FastSweepFixture() : ServiceFixture<IntakeService>(IntakeService.Name,
    new Dictionary<string, string> { ["Consents:ExpirySweepInterval"] = "00:00:01", ["Search:MaxRankedMatches"] = "3" });

public sealed class ConsentTests(FastSweepFixture intake) : IClassFixture<FastSweepFixture>
{
    [Fact]
    public async Task a_consent_is_recorded_and_withdrawn_once()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        var consentId = await GiveAsync(http, clientId, ReferralConsent(await intake.KnownOrganisationAsync()));
        using var withdrawn = await http.PostAsJsonAsync($"/clients/{clientId}/consents/{consentId}/withdraw", new { reason = "Changed her mind" });
        using var again = await http.PostAsync($"/clients/{clientId}/consents/{consentId}/withdraw", content: null);

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var problem = await again.ProblemAsync(HttpStatusCode.Conflict, "consent_not_active");
        Assert.Equal("withdrawn", problem.GetProperty("status").GetString());
        var (client, _) = await http.GetClientAsync(clientId);
        var consent = Assert.Single(client.GetProperty("consents").EnumerateArray());
        Assert.Equal(("withdrawn", "Changed her mind"), (consent.GetProperty("status").GetString(), consent.GetProperty("withdrawalReason").GetString()));
    }

    [Fact]
    public async Task withdrawing_an_unknown_consent_is_404()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents/{Guid.NewGuid()}/withdraw", new { });

        await response.ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_consent_names_exactly_one_recipient_and_at_least_one_data_category()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents", new
        {
            purpose = "referral",
            recipientOrganisationId = Guid.NewGuid(),
            recipientServiceCategory = "housing",
            dataCategories = Array.Empty<string>(),
            givenAt = DateTimeOffset.UtcNow,
            expiresAt = DateTimeOffset.UtcNow.AddDays(-1),
        });

        Assert.Equal(["dataCategories", "expiresAt", "lawfulBasis", "recipient"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task a_consent_for_an_organisation_the_directory_does_not_have_is_refused_on_its_field_and_not_stored()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents", ReferralConsent(Guid.NewGuid()));

        Assert.Equal(["recipientOrganisationId"], await response.FieldErrorsAsync());
        var (client, etag) = await http.GetClientAsync(clientId);
        Assert.Equal(("\"1\"", 0), (etag, client.GetProperty("consents").GetArrayLength()));
    }

    [Fact]
    public async Task a_consent_dated_before_the_person_was_born_is_refused_on_its_date_and_not_stored()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        var version = (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}")).GetProperty("version").GetInt32();

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents", new
        {
            purpose = "referral", recipientServiceCategory = "housing", dataCategories = new[] { "identity" }, lawfulBasis = "consent",
            givenAt = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "given_before_birth");
        Assert.Single(problem.GetProperty("errors").GetProperty("givenAt").EnumerateArray());
        Assert.Equal(version, (await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task an_unknown_purpose_is_a_field_error()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());

        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents",
            new { purpose = "marketing", recipientServiceCategory = "housing", dataCategories = new[] { "identity" }, lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow });

        Assert.Equal(["purpose"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task consents_are_for_front_desks_and_case_workers_only()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());
        using var coordinator = intake.CreateClient().As("coordinator");

        using var response = await coordinator.PostAsJsonAsync($"/clients/{clientId}/consents", ReferralConsent(await intake.KnownOrganisationAsync()));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task an_expired_consent_counts_as_absent_and_the_sweep_records_its_expiry()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        var consentId = await GiveAsync(http, clientId, new
        {
            purpose = "referral",
            recipientServiceCategory = "health",
            dataCategories = new[] { "identity", "health" },
            lawfulBasis = "consent",
            givenAt = DateTimeOffset.UtcNow.AddDays(-30),
            expiresAt = DateTimeOffset.UtcNow.AddSeconds(2),
        });

        await Eventually.HoldsAsync(async () =>
        {
            var history = await http.GetFromJsonAsync<JsonElement>($"/clients/{clientId}/history");
            return history.GetProperty("items").EnumerateArray().Any(entry => entry.GetProperty("type").GetString() == "consent_expired");
        }, "the sweep to record the expiry");

        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Equal("expired", Assert.Single(client.GetProperty("consents").EnumerateArray()).GetProperty("status").GetString());
        using var withdraw = await http.PostAsJsonAsync($"/clients/{clientId}/consents/{consentId}/withdraw", new { });
        await withdraw.ProblemAsync(HttpStatusCode.Conflict, "consent_not_active");
    }

    [Fact]
    public async Task the_same_idempotency_key_records_a_consent_once()
    {
        using var http = intake.CreateClient().As("caseworker");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient());
        var body = ReferralConsent(await intake.KnownOrganisationAsync());

        var first = await PostWithKeyAsync(http, $"/clients/{clientId}/consents", body, "consent-key-1");
        var second = await PostWithKeyAsync(http, $"/clients/{clientId}/consents", body, "consent-key-1");

        Assert.Equal(first, second);
        var (client, _) = await http.GetClientAsync(clientId);
        Assert.Single(client.GetProperty("consents").EnumerateArray());
    }

    [Fact]
    public async Task a_consent_prints_as_a_document_to_sign_in_the_persons_language_or_the_one_asked_for()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var hausa = IntakeApi.NewClient(givenName: "Hauwa");
        var hausaId = await desk.RegisterAsync(hausa);
        var consentId = await GiveAsync(desk, hausaId, ReferralConsent(await intake.KnownOrganisationAsync()));
        var italian = IntakeApi.NewClient(givenName: "Giorgia");
        italian["preferredLanguage"] = "it";
        italian["languages"] = new[] { new { code = "it", proficiency = "fluent" } };
        var italianId = await desk.RegisterAsync(italian);
        var italianConsent = await GiveAsync(desk, italianId, ReferralConsent(await intake.KnownOrganisationAsync()));

        using (var form = await desk.GetAsync($"/clients/{hausaId}/consents/{consentId}/form?lang=en"))
        {
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            Assert.Equal("no-store", form.Headers.CacheControl?.ToString());
            var html = await form.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
            Assert.Contains($"I, Hauwa {hausa["familyName"]} (born 12/04/1991)", html, StringComparison.Ordinal);
            Assert.Contains("identity, languages", html, StringComparison.Ordinal);
            Assert.Contains("You may withdraw this consent at any time", html, StringComparison.Ordinal);
        }

        var inItalian = await desk.GetStringAsync($"/clients/{italianId}/consents/{italianConsent}/form?lang=en");
        Assert.Contains("<html lang=\"it\">", inItalian, StringComparison.Ordinal);
        Assert.Contains("Consenso alla condivisione dei dati personali", inItalian, StringComparison.Ordinal);
        Assert.Contains("segnalazioni agli enti partner", inItalian, StringComparison.Ordinal);

        await (await desk.GetAsync($"/clients/{hausaId}/consents/{consentId}/form?lang=xx")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await desk.GetAsync($"/clients/{hausaId}/consents/{consentId}/form?timeZone=Mars/Olympus")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await desk.GetAsync($"/clients/{hausaId}/consents/{Guid.NewGuid()}/form")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/clients/{Guid.NewGuid()}/consents/{consentId}/form")).StatusCode);
        using var elsewhere = intake.CreateClient().As("frontdesk", office: "another-office");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/clients/{hausaId}/consents/{consentId}/form")).StatusCode);
        using var partner = intake.CreateClient().As("partner", org: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/clients/{hausaId}/consents/{consentId}/form")).StatusCode);
    }

    internal static object ReferralConsent(Guid organisationId) => new
    {
        purpose = "referral",
        recipientOrganisationId = organisationId,
        dataCategories = new[] { "identity", "language" },
        lawfulBasis = "consent",
        givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        expiresAt = DateTimeOffset.UtcNow.AddYears(1),
        evidence = "Signed form 2026/117",
    };

    private static async Task<Guid> GiveAsync(HttpClient http, Guid clientId, object body)
    {
        using var response = await http.PostAsJsonAsync($"/clients/{clientId}/consents", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consentId").GetGuid();
    }

    private static async Task<string> PostWithKeyAsync(HttpClient http, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
