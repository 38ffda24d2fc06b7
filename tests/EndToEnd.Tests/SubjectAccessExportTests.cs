using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.EndToEnd.Tests;

[Collection(SharedRunningSystem.Name)]
public sealed class SubjectAccessExportTests(RunningSystem system)
{
    [Fact]
    public async Task a_coordinator_exports_everything_every_service_holds_about_a_person_or_nothing()
    {
        using var desk = await system.SignedInAsync("frontdesk");
        using var coordinator = await system.SignedInAsync("coordinator");
        var familyName = Gateway.UniqueName("Haile");
        var clientId = await desk.RegisterAsync("Tigist", familyName, "1999-12-01");
        await desk.ArrivedAsync("mediators", clientId);
        await coordinator.ArrivedAsync("referrals", clientId);
        var mediatorId = await coordinator.AddMediatorAvailableAllWeekAsync(new
        {
            name = "Abeba Tesfay", languages = new[] { new { code = "ti" } }, modes = new[] { "phone" },
        });

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(4).AddHours(8), TimeSpan.Zero);
        var bookingId = await Gateway.CreatedIdAsync(desk.PostAsJsonAsync("/api/mediators/bookings",
            new { language = "ti", start, durationMinutes = 30, mode = "phone", clientId }), "bookingId");

        var export = await coordinator.GetFromJsonAsync<JsonElement>($"/api/intake/clients/{clientId}/export");

        Assert.Equal(familyName, export.GetProperty("profile").GetProperty("familyName").GetString());
        Assert.Equal("client_registered", export.GetProperty("history")[0].GetProperty("type").GetString());
        var services = export.GetProperty("services");
        Assert.Equal(familyName, services.GetProperty("referrals").GetProperty("client").GetProperty("familyName").GetString());
        Assert.Equal(bookingId, Assert.Single(services.GetProperty("mediators").GetProperty("bookings").EnumerateArray()).GetProperty("id").GetGuid());

        using var caseworker = await system.SignedInAsync("caseworker");
        using (var languages = await caseworker.PutAsJsonAsync($"/api/intake/clients/{clientId}/languages",
            new { languages = new[] { new { code = "ti", proficiency = "native" }, new { code = "it", proficiency = "basic" } }, preferredLanguage = "it" }))
        {
            Assert.True(languages.IsSuccessStatusCode, await languages.Content.ReadAsStringAsync());
        }

        using (var report = await coordinator.GetAsync($"/api/intake/clients/{clientId}/export.html?lang=en"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", report.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            var html = await report.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"it\">", html, StringComparison.Ordinal);
            Assert.Contains("I tuoi dati personali conservati dallo sportello", html, StringComparison.Ordinal);
            Assert.Contains($"Tigist {familyName}", html, StringComparison.Ordinal);
            Assert.Contains("tigrino (madrelingua)", html, StringComparison.Ordinal);
            Assert.Contains("I tuoi appuntamenti con un mediatore", html, StringComparison.Ordinal);
            Assert.Contains("mediatore assegnato", html, StringComparison.Ordinal);
            Assert.Contains("Sei stato registrato/a", html, StringComparison.Ordinal);
            Assert.Contains("Chi ha visto i tuoi dati", html, StringComparison.Ordinal);
            Assert.DoesNotContain("client_registered", html, StringComparison.Ordinal);
        }

        using (var badLanguage = await coordinator.GetAsync($"/api/intake/clients/{clientId}/export.html?lang=tlh"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        }

        using (var badZone = await coordinator.GetAsync($"/api/intake/clients/{clientId}/export.html?timeZone=Mars/Olympus"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        }

        using (var unknown = await coordinator.GetAsync($"/api/intake/clients/{Guid.NewGuid()}/export.html"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var desksCannot = await desk.GetAsync($"/api/intake/clients/{clientId}/export.html"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, desksCannot.StatusCode);
        }

        await system.Mediators.StopAsync();
        try
        {
            using var incomplete = await coordinator.GetAsync($"/api/intake/clients/{clientId}/export");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, incomplete.StatusCode);
            var problem = await incomplete.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["mediators"], problem.GetProperty("missing").EnumerateArray().Select(service => service.GetString()));
            using var incompleteReport = await coordinator.GetAsync($"/api/intake/clients/{clientId}/export.html");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, incompleteReport.StatusCode);
        }
        finally
        {
            await system.Mediators.StartAsync();
            await system.Mediators.WaitUntilReadyAsync();
        }
    }
}
