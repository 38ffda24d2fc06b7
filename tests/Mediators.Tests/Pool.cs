using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integration.Mediators.Bookings;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Mediators.Tests;

/// <summary>
/// Builds a mediator pool and books it through the HTTP API, as coordinators and desks do. Each
/// test uses its own language so that tests sharing a fixture never compete for a mediator. Everything happens in
/// <paramref name="tenant"/> (tokens name it, messages carry it), or in the default tenant without one.
/// </summary>
public sealed class Pool(MediatorsFixture mediators, string? tenant = null)
{
    /// <summary>The tenant everything happens in; null for the default tenant.</summary>
    public string? Tenant => tenant;

    /// <summary>Monday to Sunday, 08:00–20:00 in Rome.</summary>
    public static readonly object[] AllWeek = [.. Enumerable.Range(1, 7).Select(day => new { dayOfWeek = day, from = "08:00", to = "20:00" })];

    /// <summary>A pool in a tenant announced a moment ago as intake announces one, once the service accepts its tokens.</summary>
    public static async Task<Pool> OnboardedAsync(MediatorsFixture mediators)
    {
        var tenantId = $"susa-{Guid.NewGuid().ToString("N")[..8]}";
        await new Pool(mediators).PublishAsync(
            new Integration.Intake.Contracts.TenantOnboarded(tenantId, "Valle di Susa", "Europe/Rome", "it", [TestTokens.Office], DateTimeOffset.UtcNow));
        var pool = new Pool(mediators, tenantId);
        using var coordinator = pool.As("coordinator");
        await Eventually.HoldsAsync(async () => (await coordinator.GetAsync("/mediators")).StatusCode == HttpStatusCode.OK, "the tenant known to mediators");
        return pool;
    }

    public HttpClient As(string role, string subject = "", Guid? organisation = null) =>
        mediators.CreateClient().As(role, subject: subject.Length > 0 ? subject : $"{role}-user", org: organisation?.ToString(), tenant: tenant);

    public async Task<Guid> RegisterAsync(string language, string? dialect = null, string[]? modes = null, string[]? specialisms = null,
        string? userId = null, object[]? weekly = null, object[]? exceptions = null, string name = "Samira Benali")
    {
        using var coordinator = As("coordinator");
        using var response = await coordinator.PostAsJsonAsync("/mediators", new
        {
            name,
            languages = new[] { new { code = language, dialect } },
            specialisms = specialisms ?? [],
            modes = modes ?? ["in_person", "phone", "video"],
            userId,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediatorId").GetGuid();
        using var availability = await coordinator.PutAsJsonAsync($"/mediators/{id}/availability",
            new { timeZone = "Europe/Rome", weekly = weekly ?? AllWeek, exceptions = exceptions ?? [] });
        Assert.Equal(HttpStatusCode.NoContent, availability.StatusCode);
        return id;
    }

    public async Task<HttpResponseMessage> TryBookAsync(object body, string role = "frontdesk", Guid? organisation = null)
    {
        using var desk = As(role, organisation: organisation);
        return await desk.PostAsJsonAsync("/bookings", body);
    }

    /// <summary>Books and returns the answer: <c>status</c> assigned (with <c>mediatorId</c>) or unfilled.</summary>
    public async Task<JsonElement> BookAsync(string language, DateTimeOffset start, int minutes = 60, string mode = "phone", string? specialism = null,
        string? dialect = null, Guid? referralId = null, string role = "frontdesk", Guid? organisation = null)
    {
        using var response = await TryBookAsync(new { language, dialect, specialism, start, durationMinutes = minutes, mode, referralId }, role, organisation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid? MediatorOf(JsonElement booking) =>
        booking.TryGetProperty("mediatorId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : null;

    public async Task<JsonElement> GetBookingAsync(Guid bookingId, HttpClient? reader = null)
    {
        using var coordinator = As("coordinator");
        using var response = await (reader ?? coordinator).GetAsync($"/bookings/{bookingId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient http, Guid bookingId, string action, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        return body is null
            ? await http.PostAsync($"/bookings/{bookingId}/{action}", content: null)
            : await http.PostAsJsonAsync($"/bookings/{bookingId}/{action}", body);
    }

    public async Task<long> CountBookingsAsync() => await mediators.Environment.CountRowsAsync(MediatorsService.Name, "mt_doc_booking");

    public Task SweepAsync() => mediators.Services.GetRequiredService<FillSweep>().SweepAsync(CancellationToken.None);

    public Task PublishAsync<T>(T message) where T : class =>
        mediators.Environment.Bus.Publish(message, context =>
        {
            context.MessageId = NewId.NextGuid();
            if (tenant is not null)
            {
                context.Headers.Set(Eventing.Tenancy.MessageHeader, tenant);
            }
        });

    /// <summary>Monday of the week <paramref name="weeksAhead"/> after the fixture's start, at the given UTC time.</summary>
    public static DateTimeOffset Monday(int weeksAhead, int hour, int minute = 0) =>
        new DateTimeOffset(MediatorsFixture.Start.Date, TimeSpan.Zero).AddDays(7 * weeksAhead).AddHours(hour).AddMinutes(minute);
}
