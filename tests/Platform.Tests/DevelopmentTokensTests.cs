using Integration.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Integration.Platform.Tests;

public sealed class DevelopmentTokensTests
{
    private static readonly AuthSettings Settings =
        new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, Authority: null, "a-development-key-of-at-least-thirty-two-bytes");

    [Fact]
    public async Task an_issued_token_validates_with_the_key_and_carries_role_organisation_and_office()
    {
        var now = DateTimeOffset.UtcNow;

        var issued = DevelopmentTokens.Issue(Settings, new TokenRequest("worker-1", "partner", "org-caritas", "milan", "Giulia"), now);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issued.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = Settings.Issuer,
            ValidAudience = Settings.Audience,
            IssuerSigningKey = Settings.DevelopmentKey,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("worker-1", result.Claims["sub"]);
        Assert.Equal("partner", result.Claims["role"]);
        Assert.Equal("org-caritas", result.Claims["org"]);
        Assert.Equal("milan", result.Claims["office"]);
        Assert.Equal(now.Add(DevelopmentTokens.Lifetime).ToUnixTimeSeconds(), issued.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void a_request_needs_a_subject_and_a_known_role()
    {
        var errors = new TokenRequest(Sub: " ", Role: "superuser", Org: null, Office: null, Name: null).Validate().ToDictionary();

        Assert.Equal(["role", "sub"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("caseworker")]
    [InlineData("partner")]
    [InlineData("mediator")]
    [InlineData("coordinator")]
    [InlineData("admin")]
    public void every_role_of_the_system_can_be_requested(string role)
    {
        Assert.False(new TokenRequest("someone", role, null, null, null).Validate().Any);
    }
}
