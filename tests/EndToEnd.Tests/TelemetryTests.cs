using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// What an operator's tracing backend (the app host's dashboard) receives from the running system: no personal
/// data, and one trace per request across the services. In the running system's collection although it starts a
/// system of its own: the collection runs its classes one at a time, so two whole systems never start at once on
/// a small machine.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class TelemetryTests(TracedSystem system) : IClassFixture<TracedSystem>
{
    private static readonly string[] Services = ["gateway", "intake", "referrals", "mediators"];

    [Fact]
    public async Task a_journey_through_every_service_leaves_no_personal_data_in_any_log_line_or_exported_span_log_or_metric()
    {
        var office = Gateway.UniqueName("office");
        using var coordinator = await system.SignedInAsync("coordinator");
        using var caseworker = await system.SignedInAsync("caseworker", office: office);
        var givenName = Gateway.UniqueName("Given");
        var familyName = Gateway.UniqueName("Family");
        var birth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(365 * 60));
        var documentNumber = "TEL" + Gateway.UniqueName("").ToUpperInvariant();
        var phone = "+39 347 " + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var email = Gateway.UniqueName("mail") + "@example.org";
        var note = $"Told us about {Gateway.UniqueName("secret")}";
        var location = $"Via {Gateway.UniqueName("")} 3";
        var dateOfBirth = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var organisationId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync("/api/referrals/organisations",
            new { name = Gateway.UniqueName("Casa"), description = "Legal aid" }), "organisationId");
        var serviceId = await Gateway.CreatedIdAsync(coordinator.PostAsJsonAsync($"/api/referrals/organisations/{organisationId}/services",
            new { name = "Asylum counselling", category = "legal", languages = new[] { "ps" }, responseHours = 24 }), "serviceId");
        using (var check = await caseworker.PostAsJsonAsync("/api/intake/clients/duplicate-check", new { givenName, familyName, dateOfBirth }))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        var clientId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/intake/clients", new
        {
            givenName, familyName, dateOfBirth, phone, email,
            legalStatus = new { category = "asylum_seeker", documentNumber },
        }), "clientId");
        var search = await caseworker.GetFromJsonAsync<JsonElement>($"/api/intake/clients?q={Uri.EscapeDataString($"{givenName} {familyName}")}");
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        await caseworker.ConsentAsync(clientId, new
        {
            purpose = "referral", recipientOrganisationId = organisationId, dataCategories = new[] { "identity", "contact", "needs" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow.AddMinutes(-1), evidence = note,
        });
        var needId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync($"/api/intake/clients/{clientId}/needs",
            new { domain = "legal", priority = "high", description = note }), "needId");
        await caseworker.NeedAndConsentArrivedAsync(clientId);
        var referralId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/referrals/referrals",
            new { clientId, needId, serviceId, urgency = "high", note }), "referralId");
        using var partner = await system.SignedInAsync("partner", org: organisationId);
        var inbox = await partner.GetFromJsonAsync<JsonElement>("/api/referrals/inbox");
        Assert.Equal(familyName, inbox.GetProperty("items")[0].GetProperty("client").GetProperty("familyName").GetString());
        using (var declined = await partner.PostAsJsonAsync($"/api/referrals/referrals/{referralId}/decline", new { reason = "other", note }))
        {
            Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        }

        await caseworker.ArrivedAsync("mediators", clientId);
        var mediatorId = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Zarghuna Ahmadi", languages = new[] { new { code = "ps" } }, modes = new[] { "in_person" },
        });

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(6).AddHours(10), TimeSpan.Zero);
        var bookingId = await Gateway.CreatedIdAsync(caseworker.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "ps", start, durationMinutes = 60, mode = "in_person", location, clientId }), "bookingId");
        using (var cancelled = await caseworker.PostAsJsonAsync($"/api/mediators/bookings/{bookingId}/cancel", new { reason = note }))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        }

        var export = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{clientId}/export");
        Assert.Equal(familyName, export.GetProperty("profile").GetProperty("familyName").GetString());

        // The client id is in every service's request spans (it is in their paths): once each has
        // exported one, the capture is known to work, and what follows it is flushed within 200 ms.
        await Eventually.HoldsAsync(() => Task.FromResult(Services.All(service => system.Exports.Any(export =>
                export.Signal == "traces" && export.Text.Contains(service, StringComparison.Ordinal)
                && export.Text.Contains(clientId.ToString(), StringComparison.Ordinal)))),
            "spans naming the client from every service");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Contains(system.Exports, export => export.Signal == "logs");
        Assert.All(system.All.Where(process => Services.Contains(process.Name)),
            process => Assert.Contains(process.Output, line => line.StartsWith("trce:", StringComparison.Ordinal)));

        string[] personal =
        [
            givenName, familyName, dateOfBirth, birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            birth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), documentNumber, phone, phone.Replace(" ", "", StringComparison.Ordinal),
            email, note, location,
        ];
        var leaks = system.Exports.SelectMany(export => personal.Where(value => export.Text.Contains(value, StringComparison.OrdinalIgnoreCase))
                .Select(value => $"OTLP {export.Signal}: {value}"))
            .Concat(system.All.SelectMany(process => process.Output.SelectMany(line =>
                personal.Where(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => $"{process.Name} output: {value}"))))
            .Distinct().ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task a_registration_is_one_trace_from_the_gateway_to_the_consumers_in_referrals_and_mediators()
    {
        using var desk = await system.SignedInAsync("frontdesk");
        var traceId = ActivityTraceId.CreateRandom();
        desk.DefaultRequestHeaders.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        await desk.RegisterAsync(Gateway.UniqueName("Trace"), Gateway.UniqueName("Probe"), "1990-02-03");

        var id = Convert.FromHexString(traceId.ToHexString());
        // Each process exports its spans in its own batches, in any order: wait for every expected one.
        bool InTrace(string service, string span) =>
            SpansOf(service).Any(body => body.AsSpan().IndexOf(id) >= 0 && Contains(body, span));
        await Eventually.HoldsAsync(() => Task.FromResult(InTrace("gateway", "POST /api/intake/") && InTrace("intake", "relay ClientRegistered")
                && InTrace("referrals", "-client-registered process") && InTrace("mediators", "-client-registered process")),
            "the registration's trace: the gateway's request, intake's relay and the consumers in referrals and mediators");
    }

    /// <summary>
    /// The trace exports one service's process sent: each names its service once, as the resource attribute
    /// <c>service.name</c> (protobuf: the key, then the value's field 2 holding an AnyValue whose field 1 is the string).
    /// </summary>
    private IEnumerable<byte[]> SpansOf(string service)
    {
        byte[] name = Encoding.UTF8.GetBytes(service);
        byte[] attribute = [.. "service.name"u8, 0x12, (byte)(name.Length + 2), 0x0A, (byte)name.Length, .. name];
        return system.RawExports.Where(export => export.Signal == "traces" && export.Body.AsSpan().IndexOf(attribute) >= 0)
            .Select(export => export.Body);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
