using System.Net.Http.Json;

namespace Integration.Portal.Api;

public sealed record Booking(Guid Id, string Language, string? Dialect, string? Specialism, string Mode, DateTimeOffset Start, int DurationMinutes,
    DateTimeOffset End, string? Location, string Status, Guid? MediatorId, string? MediatorName, int? ActualMinutes);

/// <summary>Mediators' public API as the portal's screens use it (api.md, <c>/api/mediators</c>).</summary>
public sealed class MediatorsApi(HttpClient http)
{
    /// <summary>The caller's bookings starting in [<paramref name="from"/>, <paramref name="to"/>): a mediator sees only their own.</summary>
    public Task<ApiResult<ListPage<Booking>>> BookingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<ListPage<Booking>>(() => http.GetAsync(
            $"api/mediators/bookings?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&pageSize=200",
            cancellationToken), cancellationToken);

    public Task<ApiResult<object>> ActAsync(Guid bookingId, string action, object? body, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync<object>(() => body is null
            ? http.PostAsync($"api/mediators/bookings/{bookingId}/{action}", content: null, cancellationToken)
            : http.PostAsJsonAsync($"api/mediators/bookings/{bookingId}/{action}", body, ApiCalls.Json, cancellationToken), cancellationToken);
}
