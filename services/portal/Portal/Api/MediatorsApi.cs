using System.Net.Http.Json;
using Integration.Portal.Api.Contracts.Mediators;

namespace Integration.Portal.Api;

/// <summary>Mediators' public API as the portal's screens use it (docs/api.md, <c>/api/mediators</c>).</summary>
public sealed class MediatorsApi(HttpClient http)
{
    /// <summary>The caller's bookings starting in [<paramref name="from"/>, <paramref name="to"/>): a mediator sees only their own.</summary>
    public Task<ApiResult<ListPageOfBookingView>> BookingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfBookingView>(() => http.GetAsync(
            $"api/mediators/bookings?from={Uri.EscapeDataString(from.ToUniversalTime().ToString("O"))}&to={Uri.EscapeDataString(to.ToUniversalTime().ToString("O"))}&pageSize=200",
            cancellationToken), cancellationToken);

    public Task<ApiResult<BookingCreated>> BookAsync(BookingRequest booking, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<BookingCreated>(() => http.PostAsJsonAsync("api/mediators/bookings", booking, ApiCalls.Json, cancellationToken), cancellationToken);

    /// <summary>The bookings made for one client (staff only).</summary>
    public Task<ApiResult<ListPageOfBookingView>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPageOfBookingView>(() => http.GetAsync($"api/mediators/bookings?clientId={clientId}&pageSize=200", cancellationToken),
            cancellationToken);

    /// <summary>Requests, unmet demand and hours delivered per language and specialism, for the period and requesting office of <paramref name="filter"/> (coordinators).</summary>
    public Task<ApiResult<DemandView>> DemandAsync(CaseloadQuery filter, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<DemandView>(() => http.GetAsync($"api/mediators/demand?{filter.PeriodAndOffice.ToQueryString()}", cancellationToken),
            cancellationToken);

    /// <summary>The half-hour starts of <paramref name="days"/> office days (in <paramref name="zone"/>) from <paramref name="from"/> at which a mediator who fits is free.</summary>
    public Task<ApiResult<FreeSlots>> FreeSlotsAsync(string language, MediationMode mode, Specialism? specialism, int minutes, DateOnly from, int days, TimeZoneInfo zone,
        CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<FreeSlots>(() => http.GetAsync(
            $"api/mediators/bookings/free-slots?language={Uri.EscapeDataString(language)}&mode={Name(mode)}"
            + (specialism is null ? "" : $"&specialism={Name(specialism.Value)}")
            + $"&durationMinutes={minutes}&from={from:yyyy-MM-dd}&days={days}&timeZone={Uri.EscapeDataString(zone.Id)}",
            cancellationToken), cancellationToken);

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Integration.Vocabulary.VocabularyNames.Name(value);

    public Task<ApiResult<object>> ActAsync(Guid bookingId, string? tenantId, string action, object? body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/mediators/bookings/{bookingId}/{action}{ApiCalls.InTenant(tenantId)}", body, version: null, cancellationToken);
}
