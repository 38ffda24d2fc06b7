using System.Net.Http.Headers;
using Integration.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Integration.Testing;

/// <summary>Development tokens for tests, signed with the key the test hosts are given.</summary>
public static class TestTokens
{
    public const string SigningKey = "integration-test-signing-key-for-tests-only-0123456789";

    private static readonly AuthSettings Settings =
        new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, Authority: null, SigningKey);

    public const string Office = "test-office";

    public static string For(string role, string subject = "test-user", string? org = null, string? office = Office, string? name = null,
        string? tenant = null) =>
        DevelopmentTokens.Issue(Settings, new TokenRequest(subject, role, org, office, name, tenant), DateTimeOffset.UtcNow).AccessToken;

    /// <summary>A token naming several tenants (partner staff of an organisation that serves several), the first acted in by default.</summary>
    public static string ForTenants(string role, IReadOnlyList<string> tenants, string subject = "test-user", string? org = null) =>
        DevelopmentTokens.Issue(Settings, new TokenRequest(subject, role, org, Office, null) { Tenants = tenants }, DateTimeOffset.UtcNow).AccessToken;

    /// <summary>A token signed with the test key that names a role but no subject (<c>sub</c>): nobody did it.</summary>
    public static string WithoutSubject(string role) =>
        Signed(new Dictionary<string, object> { [IntegrationClaims.Role] = role, [IntegrationClaims.Office] = Office }, SecurityAlgorithms.HmacSha256);

    /// <summary>A complete token signed with the test key but with another algorithm than the development key's HS256.</summary>
    public static string SignedWith(string algorithm, string role) =>
        Signed(new Dictionary<string, object> { [IntegrationClaims.Subject] = "test-user", [IntegrationClaims.Role] = role, [IntegrationClaims.Office] = Office },
            algorithm);

    private static string Signed(Dictionary<string, object> claims, string algorithm) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(Settings.DevelopmentKey, algorithm),
        });

    public static HttpClient As(this HttpClient client, string role, string subject = "test-user", string? org = null, string? office = Office,
        string? name = null, string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(role, subject, org, office, name, tenant));
        return client;
    }
}
