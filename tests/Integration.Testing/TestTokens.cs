using System.Net.Http.Headers;
using Integration.ServiceDefaults;

namespace Integration.Testing;

/// <summary>Development tokens for tests, signed with the key the test hosts are given.</summary>
public static class TestTokens
{
    public const string SigningKey = "integration-test-signing-key-for-tests-only-0123456789";

    private static readonly AuthSettings Settings =
        new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, Authority: null, SigningKey);

    public const string Office = "test-office";

    public static string For(string role, string subject = "test-user", string? org = null, string? office = Office, string? name = null) =>
        DevelopmentTokens.Issue(Settings, new TokenRequest(subject, role, org, office, name), DateTimeOffset.UtcNow).AccessToken;

    public static HttpClient As(this HttpClient client, string role, string subject = "test-user", string? org = null, string? office = Office,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(role, subject, org, office, name));
        return client;
    }
}
