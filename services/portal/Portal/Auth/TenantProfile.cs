using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;

namespace Integration.Portal.Auth;

/// <summary>
/// What sign-in adds to a user's session from their tenant's registration at intake (<c>GET /api/intake/offices</c>, answered in the
/// token's tenant): its time zone as <c>zoneinfo</c> (<see cref="OfficeTime"/>) and its default language as <c>locale</c>
/// (<see cref="PortalCultures"/>), the OpenID Connect names. Nothing when the tenant has none (the default tenant, whose are the
/// deployment's), when the user's role may not read it, or when intake cannot be reached: the deployment's then apply.
/// </summary>
internal static class TenantProfile
{
    public const string LanguageClaim = "locale";

    public static async Task<IReadOnlyList<Claim>> ClaimsAsync(HttpClient api, string accessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/intake/offices");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await api.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            var tenant = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            List<Claim> claims = [];
            if (Text(tenant, "timeZone") is { } zone)
            {
                claims.Add(new Claim(OfficeTime.ZoneClaim, zone));
            }

            if (Text(tenant, "defaultLanguage") is { } language)
            {
                claims.Add(new Claim(LanguageClaim, language));
            }

            return claims;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or Polly.Timeout.TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Intake is away, slow or answered something else: sign-in goes on, and the deployment's zone and the browser's language apply.
            return [];
        }
    }

    private static string? Text(JsonElement tenant, string property) =>
        tenant.ValueKind == JsonValueKind.Object && tenant.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
