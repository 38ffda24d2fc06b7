using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Integration.Portal;

/// <summary>
/// English and Italian, complete (staff in Milan, Florence and Bari). The choice is a cookie set by
/// <c>/culture</c>; without it, the browser's language; Blazor keeps the culture of the request that
/// opened the circuit.
/// </summary>
internal static class PortalCultures
{
    /// <summary>British English for European date formats; Italian. The first is the default.</summary>
    public static readonly string[] Supported = ["en-GB", "it"];

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
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
