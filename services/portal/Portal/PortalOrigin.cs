namespace Integration.Portal;

/// <summary>
/// The portal's public address, when <c>Portal:PublicOrigin</c> names it (<c>https://integration.example.org</c>):
/// every request is then taken to have come to that scheme and host, whatever <c>Host</c> or
/// <c>X-Forwarded-Host</c> the request carried, so the absolute addresses the portal writes (the
/// sign-in redirect, the OpenID Connect callback) cannot be pointed elsewhere by a made-up header.
/// Unset (a local run), the forwarded host from the gateway on loopback is used.
/// </summary>
internal static class PortalOrigin
{
    public static WebApplication UsePortalOrigin(this WebApplication app)
    {
        if (app.Configuration["Portal:PublicOrigin"] is not { Length: > 0 } configured)
        {
            return app;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var origin) || origin is not { Scheme: "https" or "http", AbsolutePath: "/" })
        {
            throw new InvalidOperationException($"Portal:PublicOrigin must be a scheme and host such as https://integration.example.org, not '{configured}'.");
        }

        var host = HostString.FromUriComponent(origin);
        app.Use((http, next) =>
        {
            http.Request.Scheme = origin.Scheme;
            http.Request.Host = host;
            return next(http);
        });
        return app;
    }
}
