using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Integration.Portal.Api;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Integration.Portal.Auth;

/// <summary>A demo user of the Development sign-in page: a role, and the office or organisation it works for.</summary>
public sealed record DemoUser(string Subject, string Role, string Name, string? Office);

/// <summary>
/// Staff sign in once and the portal keeps their access token in its own cookie session; every API
/// call carries it (<see cref="AccessTokenHandler"/>). In production the token comes from the
/// OpenID Connect authority (<c>Portal:Oidc:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>);
/// in Development from the gateway's development issuer, for the demo user picked on <c>/signin</c>.
/// </summary>
public static class PortalAuthentication
{
    public const string SignInPath = "/signin";
    private const string AccessToken = "access_token";

    public static readonly IReadOnlyList<DemoUser> DemoUsers =
    [
        new("desk-milan", "frontdesk", "Giulia Rossi", "milan-central"),
        new("cw-milan", "caseworker", "Marco Bianchi", "milan-central"),
        new("desk-bari", "frontdesk", "Antonio Greco", "bari"),
        new("mediator-amal", "mediator", "Amal Haddad", null),
        new("coordinator", "coordinator", "Elena Conti", null),
    ];

    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var oidc = builder.Configuration.GetSection("Portal:Oidc");
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = oidc["Authority"] is null
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
        if (oidc["Authority"] is { } authority)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.ResponseType = "code";
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Add(oidc["Scope"] ?? "integration-api");
                options.TokenValidationParameters.NameClaimType = IntegrationClaims.Name;
                options.TokenValidationParameters.RoleClaimType = IntegrationClaims.Role;
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
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(environment);
        endpoints.MapPost("/auth/signout", async (HttpContext http) =>
        {
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

    /// <summary>Development only: a token for the chosen demo user from the gateway's development issuer, kept in the session.</summary>
    private static async Task<IResult> DevelopmentSignInAsync(HttpContext http, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (DemoUsers.FirstOrDefault(user => user.Subject == form["subject"]) is not { } user)
        {
            return Results.LocalRedirect(SignInPath);
        }

        var api = clients.CreateClient(PortalApi.ClientName);
        using var response = await api.PostAsJsonAsync("dev/token",
            new { sub = user.Subject, role = user.Role, office = user.Office, name = user.Name }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;

        List<Claim> claims = [new(IntegrationClaims.Subject, user.Subject), new(IntegrationClaims.Name, user.Name), new(IntegrationClaims.Role, user.Role)];
        if (user.Office is not null)
        {
            claims.Add(new Claim(IntegrationClaims.Office, user.Office));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme,
            IntegrationClaims.Name, IntegrationClaims.Role));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = token }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return Results.LocalRedirect(LocalOrHome(form["returnUrl"]));
    }

    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}

/// <summary>Puts the signed-in user's access token on every API call.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (accessor.HttpContext is { } http && await http.AccessTokenAsync() is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
