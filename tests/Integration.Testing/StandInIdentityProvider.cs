using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Integration.Testing;

/// <summary>
/// An OpenID Connect provider on a loopback port, enough of one for the code flow with PKCE: a
/// discovery document, its RSA key (JWKS), an authorization endpoint that signs in
/// <see cref="User"/> without a login page, and a token endpoint that checks the client secret,
/// the redirect URI and the code verifier before it issues an ID token and an access token.
/// It stands in for the city's identity provider (Keycloak, Entra ID, …), which is not here.
/// </summary>
public sealed class StandInIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "integration-portal";
    public const string ClientSecret = "stand-in-client-secret";

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "stand-in-key" };
    private readonly ConcurrentDictionary<string, PendingCode> codes = new();
    private WebApplication? app;

    /// <summary>The user the next sign-in is for (claims as the services read them).</summary>
    public TokenRequest User { get; set; } = new("oidc-caseworker", "caseworker", null, "milan-central", "Paola Ferri");

    /// <summary>Every access token issued, newest last.</summary>
    public IReadOnlyList<string> IssuedAccessTokens => [.. issued];

    public string Authority { get; private set; } = "";

    private readonly ConcurrentQueue<string> issued = new();

    public static async Task<StandInIdentityProvider> StartAsync()
    {
        var provider = new StandInIdentityProvider();
        await provider.RunAsync();
        return provider;
    }

    /// <summary>An access token for <paramref name="user"/> as this provider issues them, for the services' side of the test.</summary>
    public string AccessTokenFor(TokenRequest user) => Sign(Claims(user), AuthSettings.DefaultAudience, signingKey: key);

    /// <summary>The same token signed by a key this provider does not publish: a forgery.</summary>
    public string ForgedAccessTokenFor(TokenRequest user) =>
        Sign(Claims(user), AuthSettings.DefaultAudience, new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId });

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = SecurityAlgorithms.RsaSha256, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["code_challenge"]))
            {
                return Results.BadRequest("client_id, response_type=code and a PKCE code_challenge are required");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            codes[code] = new PendingCode(User, query["redirect_uri"]!, query["nonce"].ToString(), query["code_challenge"]!);
            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (clientId, clientSecret) = ClientCredentials(request, form);
            if (clientId != ClientId || clientSecret != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var pending)
                || form["redirect_uri"] != pending.RedirectUri || Challenge(form["code_verifier"].ToString()) != pending.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var accessToken = AccessTokenFor(pending.User);
            issued.Enqueue(accessToken);
            var idClaims = Claims(pending.User);
            idClaims["nonce"] = pending.Nonce;
            return Results.Json(new
            {
                access_token = accessToken,
                id_token = Sign(idClaims, ClientId, key),
                token_type = "Bearer",
                expires_in = 3600,
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Authority = address.TrimEnd('/');
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static Dictionary<string, object> Claims(TokenRequest user)
    {
        var claims = new Dictionary<string, object> { [IntegrationClaims.Subject] = user.Sub!, [IntegrationClaims.Role] = user.Role! };
        foreach (var (type, value) in new[] { (IntegrationClaims.Office, user.Office), (IntegrationClaims.Organisation, user.Org), (IntegrationClaims.Name, user.Name) })
        {
            if (value is not null)
            {
                claims[type] = value;
            }
        }

        return claims;
    }

    private string Sign(Dictionary<string, object> claims, string audience, SecurityKey signingKey)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        key.Rsa.Dispose();
    }

    private sealed record PendingCode(TokenRequest User, string RedirectUri, string Nonce, string CodeChallenge);
}
