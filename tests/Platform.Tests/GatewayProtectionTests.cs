using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Integration.Gateway;
using Integration.ServiceDefaults;
using Microsoft.IdentityModel.Tokens;

namespace Integration.Platform.Tests;

public sealed class GatewayProtectionTests
{
    private static readonly AuthSettings Valid = new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, null, TestTokens.SigningKey);

    public static TheoryData<string, string> BadTokens => new()
    {
        { "tampered", Tampered(Token(Valid)) },
        { "expired", Token(Valid, DateTimeOffset.UtcNow.AddHours(-9)) },
        { "wrong audience", Token(Valid with { Audience = "someone-else" }) },
        { "wrong issuer", Token(Valid with { Issuer = "https://evil.example.org" }) },
        { "wrong key", Token(Valid with { DevelopmentSigningKey = "another-signing-key-of-at-least-thirty-two-bytes" }) },
        { "not a token", "hello" },
        { "no subject", TestTokens.WithoutSubject("frontdesk") },
        { "HS384 with the development key", TestTokens.SignedWith(SecurityAlgorithms.HmacSha384, "frontdesk") },
    };

    [Fact]
    public async Task an_api_call_without_a_token_is_stopped_at_the_gateway_with_a_problem()
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/intake/clients", new { givenName = "Amina" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task a_bad_token_is_refused_before_it_reaches_a_service(string kind, string token)
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.PostAsJsonAsync("/api/intake/clients", new { givenName = "Amina" });

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode}");
        var answer = $"{response.Headers.WwwAuthenticate} {await response.Content.ReadAsStringAsync()}";
        Assert.DoesNotContain("invalid", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expired", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task a_valid_token_is_let_through_to_the_service()
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Valid));

        using var response = await http.PostAsJsonAsync("/api/intake/clients", new { givenName = "Amina" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/referrals/hsds/services")]
    [InlineData("/api/intake/openapi/v1.json")]
    [InlineData("/api/mediators/health/ready")]
    public async Task published_paths_need_no_token(string path)
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task a_user_over_their_rate_limit_gets_429_with_retry_after()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string> { ["Gateway:RateLimits:PerUser"] = "3" });
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Valid));
        using var other = gateway.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Valid, subject: "another-user"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await http.PostAsJsonAsync("/api/intake/clients", new { });
            statuses.Add(allowed.StatusCode);
        }

        using var limited = await http.PostAsJsonAsync("/api/intake/clients", new { });
        using var otherUser = await other.PostAsJsonAsync("/api/intake/clients", new { });

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("too_many_requests", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherUser.StatusCode);
    }

    [Fact]
    public async Task one_address_over_its_rate_limit_gets_429_even_without_a_token()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string> { ["Gateway:RateLimits:PerAddress"] = "2" });
        using var http = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        using var limited = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task a_body_over_the_limit_gets_413_before_it_reaches_a_service()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = "1000" });
        using var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Valid));

        using var response = await http.PostAsync("/api/intake/clients",
            new StringContent($"{{\"givenName\":\"{new string('a', 2000)}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task answers_carry_security_headers_and_api_answers_are_never_cached()
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();

        using var api = await http.GetAsync("/api/intake/clients");
        using var health = await http.GetAsync("/health/live");

        foreach (var response in new[] { api, health })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.True(api.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", api.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task cross_origin_requests_are_not_allowed()
    {
        await using var gateway = new GatewayFactory();
        using var http = gateway.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/health/live");
        preflight.Headers.Add("Origin", "https://evil.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var simple = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        simple.Headers.Add("Origin", "https://evil.example.org");

        using var preflightAnswer = await http.SendAsync(preflight);
        using var simpleAnswer = await http.SendAsync(simple);

        Assert.Equal(HttpStatusCode.OK, simpleAnswer.StatusCode);
        Assert.False(preflightAnswer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simpleAnswer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task a_made_up_forwarded_address_does_not_escape_the_address_limit()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string> { ["Gateway:RateLimits:PerAddress"] = "2" });
        _ = gateway.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var context = await gateway.Server.SendAsync(http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
                http.Request.Method = "GET";
                http.Request.Path = "/health/live";
                http.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i + 1}";
            });
            statuses.Add(context.Response.StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
    }

    [Theory]
    [InlineData("/api/intake/clients", false)]
    [InlineData("/api/referrals/hsds/services/1", true)]
    [InlineData("/api/intake/hsds/services", false)]
    [InlineData("/api/mediators/openapi/v1.json", true)]
    [InlineData("/api/intake/health/ready", true)]
    [InlineData("/API/intake/clients", false)]
    [InlineData("/api", false)]
    [InlineData("/", true)]
    [InlineData("/dev/token", true)]
    public void only_published_paths_are_public(string path, bool isPublic) =>
        Assert.Equal(isPublic, GatewayProtection.IsPublic(new Microsoft.AspNetCore.Http.PathString(path)));

    private static string Token(AuthSettings settings, DateTimeOffset? now = null, string subject = "desk-1") =>
        DevelopmentTokens.Issue(settings, new TokenRequest(subject, "frontdesk", null, "milan-central", null), now ?? DateTimeOffset.UtcNow).AccessToken;

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("frontdesk", "admin", StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
