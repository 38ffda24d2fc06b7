using System.Net.Http.Json;

namespace Integration.Portal.Api;

public sealed record Booking(Guid Id, string Language, string? Dialect, string? Specialism, string Mode, DateTimeOffset Start, int DurationMinutes,
    DateTimeOffset End, string? Location, string Status, Guid? MediatorId, string? MediatorName, int? ActualMinutes)
{
    public Guid? ClientId { get; init; }

    public string? RequestedByName { get; init; }
}

/// <summary>A start at which <see cref="FreeMediators"/> mediators who fit are free, in the office's offset.</summary>
public sealed record FreeSlot(DateTimeOffset Start, DateTimeOffset End, int FreeMediators);

public sealed record FreeSlots(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<FreeSlot> Slots);

public sealed record BookingRequest(string Language, string? Specialism, DateTimeOffset Start, int DurationMinutes, string Mode, string? Location,
    Guid? ClientId);

public sealed record BookingCreated(Guid BookingId, string Status, Guid? MediatorId, string? MediatorName);

public sealed record DemandRow(string Language, string? LanguageName, string? Specialism, long Requests, long Filled, long Unfilled, long Completed,
    decimal HoursDelivered);

public sealed record Demand(IReadOnlyList<DemandRow> Rows, DemandRow Totals);

/// <summary>Mediators' public API as the portal's screens use it (docs/api.md, <c>/api/mediators</c>).</summary>
public sealed class MediatorsApi(HttpClient http)
{
    /// <summary>The caller's bookings starting in [<paramref name="from"/>, <paramref name="to"/>): a mediator sees only their own.</summary>
    public Task<ApiResult<ListPage<Booking>>> BookingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<Booking>>(() => http.GetAsync(
            $"api/mediators/bookings?from={Uri.EscapeDataString(from.ToUniversalTime().ToString("O"))}&to={Uri.EscapeDataString(to.ToUniversalTime().ToString("O"))}&pageSize=200",
            cancellationToken), cancellationToken);

    public Task<ApiResult<BookingCreated>> BookAsync(BookingRequest booking, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<BookingCreated>(() => http.PostAsJsonAsync("api/mediators/bookings", booking, ApiCalls.Json, cancellationToken), cancellationToken);

    /// <summary>The bookings made for one client (staff only).</summary>
    public Task<ApiResult<ListPage<Booking>>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<Booking>>(() => http.GetAsync($"api/mediators/bookings?clientId={clientId}&pageSize=200", cancellationToken),
            cancellationToken);

    /// <summary>Requests, unmet demand and hours delivered per language and specialism, for the days from..to (coordinators).</summary>
    public Task<ApiResult<Demand>> DemandAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var range = string.Join('&', new[] { from is { } start ? $"from={start:yyyy-MM-dd}" : null, to is { } end ? $"to={end:yyyy-MM-dd}" : null }
            .Where(part => part is not null));
        return ApiCalls.SendAsync<Demand>(() => http.GetAsync($"api/mediators/demand?{range}", cancellationToken), cancellationToken);
    }

    /// <summary>The half-hour starts of <paramref name="days"/> office days from <paramref name="from"/> at which a mediator who fits is free.</summary>
    public Task<ApiResult<FreeSlots>> FreeSlotsAsync(string language, string mode, string? specialism, int minutes, DateOnly from, int days,
        CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<FreeSlots>(() => http.GetAsync(
            $"api/mediators/bookings/free-slots?language={Uri.EscapeDataString(language)}&mode={Uri.EscapeDataString(mode)}"
            + (specialism is null ? "" : $"&specialism={Uri.EscapeDataString(specialism)}")
            + $"&durationMinutes={minutes}&from={from:yyyy-MM-dd}&days={days}&timeZone={Uri.EscapeDataString(OfficeTime.Zone.Id)}",
            cancellationToken), cancellationToken);

    public Task<ApiResult<object>> ActAsync(Guid bookingId, string action, object? body, CancellationToken cancellationToken) =>
        ApiCalls.WriteAsync(http, HttpMethod.Post, $"api/mediators/bookings/{bookingId}/{action}", body, version: null, cancellationToken);
}
