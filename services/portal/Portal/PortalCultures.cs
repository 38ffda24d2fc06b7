using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Integration.Portal;

/// <summary>
/// English and Italian, complete (staff in Milan, Florence and Bari). The choice is a cookie set by
/// <c>/culture</c>; without it, the default language of the signed-in user's tenant (<see cref="Auth.TenantProfile"/>), then the browser's language; Blazor keeps the culture of the request that
/// opened the circuit.
/// </summary>
internal static class PortalCultures
{
    /// <summary>British English for European date formats; Italian. The first is the default.</summary>
    public static readonly string[] Supported = ["en-GB", "it"];

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new TenantLanguageProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
    }

    public static IEndpointRouteBuilder MapPortalCultures(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (Supported.Contains(culture))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return Results.LocalRedirect(Auth.PortalAuthentication.LocalOrHome(returnUrl));
        });
        return endpoints;
    }
}

/// <summary>The default language of the signed-in user's tenant (the <c>locale</c> claim sign-in adds), when the portal speaks it.</summary>
internal sealed class TenantLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var language = httpContext.User.FindFirst(Auth.TenantProfile.LanguageClaim)?.Value;
        var culture = PortalCultures.Supported.FirstOrDefault(supported =>
            language is { Length: > 0 } && (supported == language || supported.StartsWith(language + "-", StringComparison.Ordinal)));
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
    }
}
