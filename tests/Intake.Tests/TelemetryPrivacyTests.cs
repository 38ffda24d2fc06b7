using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

/// <summary>Intake with every category at Trace and every log line kept (<see cref="TelemetryCapture"/>).</summary>
public sealed class CapturedTelemetryFixture() : ServiceFixture<IntakeService>(IntakeService.Name, settings: TelemetryCapture.TraceEverywhere,
    configureServices: Capture.Register)
{
    public static readonly TelemetryCapture Capture = new();
}

public sealed class TelemetryPrivacyTests(CapturedTelemetryFixture intake) : IClassFixture<CapturedTelemetryFixture>, IDisposable
{
    [Fact]
    public async Task a_front_desk_journey_leaves_no_personal_data_in_logs_or_spans()
    {
        CapturedTelemetryFixture.Capture.RecordSpans();
        var familyName = IntakeApi.UniqueName();
        const string givenName = "Quirinaldo";
        const string document = "ZQ-7781234";
        const string phone = "+39 351 998 7766";
        const string email = "quirinaldo@example.org";
        using var desk = intake.CreateClient().As("frontdesk");
        using var caseworker = intake.CreateClient().As("caseworker");
        var body = IntakeApi.NewClient(givenName, familyName, "1987-03-14");
        body["legalStatus"] = new { category = "refugee", documentNumber = document, validUntil = "2031-01-31" };
        body["phone"] = phone;
        body["email"] = email;

        using (var check = await desk.PostAsJsonAsync("/clients/duplicate-check", new { givenName, familyName, dateOfBirth = "1987-03-14" }))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        var clientId = await desk.RegisterAsync(body);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients?q={Uri.EscapeDataString($"{givenName} {familyName}")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/clients?documentNumber={Uri.EscapeDataString(document)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/clients?dateOfBirth=1987-03-14")).StatusCode);
        var (_, etag) = await desk.GetClientAsync(clientId);
        using (var contact = await caseworker.SendAsync(HttpMethod.Put, $"/clients/{clientId}/contact",
            new { phone = "+39 351 000 1122", email, address = new { municipality = "Milano" } }, etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, contact.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/clients/{clientId}/history")).StatusCode);
        var bad = new Dictionary<string, object?>(body) { ["dateOfBirth"] = "14/03/1987", ["familyName"] = familyName + "x" };
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsJsonAsync("/clients", bad)).StatusCode);
        using (var duplicate = await desk.PostAsJsonAsync("/clients", body))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        CapturedTelemetryFixture.Capture.AssertNoneOf(
            givenName, familyName, document, "7781234", "351 998", "3519987766", email, "1987-03-14", "14/03/1987", "03/14/1987");
    }

    public void Dispose() => CapturedTelemetryFixture.Capture.Dispose();
}
