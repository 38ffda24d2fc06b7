namespace Integration.Portal;

/// <summary>
/// The portal's own security headers, so they hold when it is reached directly as well as through
/// the gateway (which sets the same general ones on every answer). The Content-Security-Policy
/// allows only the portal's own scripts, styles, images and connections (Blazor's WebSocket is
/// same-origin): the pages have no inline script, so no nonce is needed, and a script injected
/// into a page does not run. Style attributes stay allowed (<c>style-src-attr</c>) for the
/// charts' bar widths; <c>style</c> elements and stylesheets from elsewhere do not.
/// </summary>
internal static class PortalSecurityHeaders
{
    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Configuration["Portal:Oidc:Authority"]);
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// The policy; forms may also go to the OpenID Connect <paramref name="authority"/>, because
    /// signing out posts to the portal, which sends the browser on to the provider.
    /// </summary>
    public static string ContentSecurityPolicy(string? authority)
    {
        var provider = Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? $" {uri.GetLeftPart(UriPartial.Authority)}" : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
            + $"form-action 'self'{provider}";
    }
}
