using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Integration.Portal.Api;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;

namespace Integration.Portal.Auth;

/// <summary>A demo user of the Development sign-in page: a role, and the office or organisation it works for.</summary>
/// <param name="Tenants">The tenants the user works for: none for the default tenant, several for staff of a partner serving several.</param>
public sealed record DemoUser(string Subject, string Role, string Name, string? Office, Guid? Organisation = null, IReadOnlyList<string>? Tenants = null);

/// <summary>
/// Staff sign in once and the portal keeps their access token in its own cookie session; every API
/// call carries it (<see cref="AccessTokenHandler"/>). In production the token comes from the
/// OpenID Connect authority (<c>Portal:Oidc:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>);
/// in Development from the gateway's development issuer, for the demo user picked on <c>/signin</c>.
/// </summary>
internal static class PortalAuthentication
{
    public const string SignInPath = "/signin";
    private const string AccessToken = "access_token";

    public static readonly IReadOnlyList<DemoUser> DemoUsers =
    [
        new("desk-milan", "frontdesk", "Giulia Rossi", "milan-central"),
        new("cw-milan", "caseworker", "Marco Bianchi", "milan-central"),
        new("cw-florence", "caseworker", "Chiara Neri", "florence"),
        new("desk-bari", "frontdesk", "Antonio Greco", "bari"),
        new("demo-mediator", "mediator", "Samira Benali", null),
        new("coordinator", "coordinator", "Elena Conti", null),
        new("desk-susa", "frontdesk", "Lucia Ferrero", "susa", Tenants: [DemoSecondCity]),
        new("cw-susa", "caseworker", "Paolo Gribaudo", "susa", Tenants: [DemoSecondCity]),
        new("coordinator-susa", "coordinator", "Marta Allais", null, Tenants: [DemoSecondCity]),
    ];

    /// <summary>The demo's second tenant, a consortium of small towns (tools/DemoSeed onboards it).</summary>
    public const string DemoSecondCity = "val-susa";

    /// <summary>The demo's first city: the deployment's default tenant, as the development configuration names it.</summary>
    public const string DemoFirstCity = "default";

    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        // The session cookie and antiforgery tokens are encrypted with these keys: every replica
        // must read the same ones, and they must outlive a restart, or users are signed out.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("integration-portal");
        if (builder.Configuration["Portal:DataProtectionKeys"] is { Length: > 0 } keys)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        var oidc = builder.Configuration.GetSection("Portal:Oidc");
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = string.IsNullOrWhiteSpace(oidc["Authority"])
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.LoginPath = SignInPath;
                options.Cookie.Name = "integration.portal";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
            });
        if (oidc["Authority"] is { } authority && !string.IsNullOrWhiteSpace(authority))
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", defaultValue: true);
                options.ResponseType = "code";
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Add(oidc["Scope"] ?? "integration-api");
                options.TokenValidationParameters.NameClaimType = IntegrationClaims.Name;
                options.TokenValidationParameters.RoleClaimType = IntegrationClaims.Role;
                options.Events.OnTokenValidated = async context =>
                {
                    if (context.TokenEndpointResponse?.AccessToken is { } accessToken && context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        var clients = context.HttpContext.RequestServices.GetRequiredService<IHttpClientFactory>();
                        identity.AddClaims(await TenantProfile.ClaimsAsync(clients.CreateClient(PortalApi.ClientName), accessToken, context.HttpContext.RequestAborted));
                    }
                };
            });
        }

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AccessTokenHandler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalAuthentication(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        endpoints.MapPost("/auth/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return CrossSiteRefused();
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(SignInPath);
        });
        if (environment.IsDevelopment())
        {
            endpoints.MapPost("/auth/dev-signin", DevelopmentSignInAsync);
        }
        else
        {
            endpoints.MapGet("/auth/signin", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
        }

        return endpoints;
    }

    /// <summary>The token of the signed-in user, as saved in their session.</summary>
    public static Task<string?> AccessTokenAsync(this HttpContext http) => http.GetTokenAsync(AccessToken);

    /// <summary>
    /// Development only: one demo partner user per organisation in the first city's directory (their ids exist only once the demo data
    /// is seeded), looked up with a development coordinator token; one the second city's directory lists too serves both, and its user's
    /// token names both (their inbox merges them).
    /// </summary>
    public static async Task<IReadOnlyList<DemoUser>> DevelopmentPartnersAsync(IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var api = clients.CreateClient(PortalApi.ClientName);
        try
        {
            var first = await DirectoryOfAsync(api, tenant: null, cancellationToken);
            var second = (await DirectoryOfAsync(api, DemoSecondCity, cancellationToken)).Select(organisation => organisation.Id).ToHashSet();
            return [.. first.Select(organisation => new DemoUser($"partner-{organisation.Id:N}", "partner", organisation.Name, null, organisation.Id,
                second.Contains(organisation.Id) ? [DemoFirstCity, DemoSecondCity] : null))];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    /// <summary>The organisations of one tenant's directory; none when the tenant does not exist (yet).</summary>
    private static async Task<IReadOnlyList<(Guid Id, string Name)>> DirectoryOfAsync(HttpClient api, string? tenant, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/referrals/organisations?pageSize=200");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await DevelopmentTokenAsync(api, new DemoUser("demo-directory", "coordinator", "Directory", null, Tenants: tenant is null ? null : [tenant]),
                cancellationToken));
        using var response = await api.SendAsync(request, cancellationToken);
        if (tenant is not null && response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var organisations = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("items");
        return [.. organisations.EnumerateArray().Select(organisation => (organisation.GetProperty("id").GetGuid(), organisation.GetProperty("name").GetString()!))];
    }

    /// <summary>Development only: a token for the chosen demo user from the gateway's development issuer, kept in the session.</summary>
    private static async Task<IResult> DevelopmentSignInAsync(HttpContext http, IHttpClientFactory clients, IAntiforgery antiforgery,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return CrossSiteRefused();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var user = DemoUsers.FirstOrDefault(user => user.Subject == form["subject"])
            ?? (await DevelopmentPartnersAsync(clients, cancellationToken)).FirstOrDefault(user => user.Subject == form["subject"]);
        if (user is null)
        {
            return Results.LocalRedirect(SignInPath);
        }

        var token = await DevelopmentTokenAsync(clients.CreateClient(PortalApi.ClientName), user, cancellationToken);

        List<Claim> claims = [new(IntegrationClaims.Subject, user.Subject), new(IntegrationClaims.Name, user.Name), new(IntegrationClaims.Role, user.Role)];
        if (user.Office is not null)
        {
            claims.Add(new Claim(IntegrationClaims.Office, user.Office));
        }

        if (user.Organisation is { } organisation)
        {
            claims.Add(new Claim(IntegrationClaims.Organisation, organisation.ToString()));
        }

        claims.AddRange((user.Tenants ?? []).Select(tenant => new Claim(IntegrationClaims.Tenant, tenant)));
        claims.AddRange(await TenantProfile.ClaimsAsync(clients.CreateClient(PortalApi.ClientName), token, cancellationToken));

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme,
            IntegrationClaims.Name, IntegrationClaims.Role));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = token }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return Results.LocalRedirect(LocalOrHome(form["returnUrl"]));
    }

    private static async Task<string> DevelopmentTokenAsync(HttpClient api, DemoUser user, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("dev/token",
            new { sub = user.Subject, role = user.Role, office = user.Office, org = user.Organisation, name = user.Name, tenants = user.Tenants },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// A sign-in or sign-out form that did not come from this portal's own page (no antiforgery token):
    /// another site must not sign a user out, nor into an account of its choosing.
    /// </summary>
    private static IResult CrossSiteRefused() =>
        Results.Problem(title: "This form did not come from the portal; open the page again and retry.", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = "antiforgery_failed" });

    /// <summary>
    /// Where to send the browser back to: a path of this site, or home (never another site, not even as
    /// <c>//host</c> or <c>/\host</c>). The portal's own paths are printable ASCII; anything else (a
    /// tab, a line break, a right-to-left override) leads home rather than to an error.
    /// </summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && url.All(character => character is > ' ' and < '\u007f')
            ? url
            : "/";
}

/// <summary>
/// Calls the API as the signed-in user: their access token, and their address in
/// <c>X-Forwarded-For</c> so the gateway (which trusts the portal's network) limits each person's
/// rate, not the portal's as a whole.
/// </summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is not { } http)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (await http.AccessTokenAsync() is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (http.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
