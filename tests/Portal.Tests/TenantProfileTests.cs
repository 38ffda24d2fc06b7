using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Integration.Portal.Auth;
using Microsoft.AspNetCore.Http;

namespace Integration.Portal.Tests;

/// <summary>A tenant's time zone and language, from its registration at intake to the user's clock and the portal's language.</summary>
public sealed class TenantProfileTests
{
    [Fact]
    public async Task sign_in_takes_the_tenants_zone_and_language_from_intake_with_the_users_token()
    {
        var intake = new ScriptedOffices(HttpStatusCode.OK, new { offices = new[] { "centro" }, timeZone = "Europe/Athens", defaultLanguage = "it" });

        var claims = await TenantProfile.ClaimsAsync(new HttpClient(intake) { BaseAddress = new Uri("http://gateway/") }, "the-token", CancellationToken.None);

        Assert.Equal([("zoneinfo", "Europe/Athens"), ("locale", "it")], claims.Select(claim => (claim.Type, claim.Value)));
        Assert.Equal(("/api/intake/offices", "Bearer the-token"), (intake.Asked!.RequestUri!.AbsolutePath, intake.Asked.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task the_default_tenant_a_role_that_may_not_read_it_or_intake_away_slow_or_confused_add_nothing()
    {
        var defaultTenant = new ScriptedOffices(HttpStatusCode.OK, new { offices = new[] { "milan-central" }, timeZone = (string?)null, defaultLanguage = (string?)null });
        var forbidden = new ScriptedOffices(HttpStatusCode.Forbidden, new { });
        var away = new ScriptedOffices(HttpStatusCode.OK, new { }) { Failure = new HttpRequestException("Connection refused") };
        var slow = new ScriptedOffices(HttpStatusCode.OK, new { }) { Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout") };
        var confused = new ScriptedOffices(HttpStatusCode.OK, "<html>Bad gateway</html>", asJson: false);

        foreach (var intake in new[] { defaultTenant, forbidden, away, slow, confused })
        {
            Assert.Empty(await TenantProfile.ClaimsAsync(new HttpClient(intake) { BaseAddress = new Uri("http://gateway/") }, "t", CancellationToken.None));
        }
    }

    [Theory]
    [InlineData("Europe/Athens", "Europe/Athens")]
    [InlineData("Mars/Olympus", "Europe/Rome")]
    [InlineData(null, "Europe/Rome")]
    public void a_users_clock_keeps_their_tenants_zone_else_the_deployments(string? zoneClaim, string expected)
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = UserWith(OfficeTime.ZoneClaim, zoneClaim) } };
        var deployment = new FixedZone(OfficeClocks.Rome);

        var clock = new OfficeClock(deployment, accessor);

        Assert.Equal(expected, clock.LocalTimeZone.Id);
        var noon = new DateTimeOffset(2030, 1, 9, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeZoneInfo.ConvertTime(noon, clock.LocalTimeZone).Offset, noon.ToOfficeTime(clock).Offset);
    }

    [Theory]
    [InlineData("it", "it")]
    [InlineData("en", "en-GB")]
    [InlineData("fr", null)]
    [InlineData(null, null)]
    public async Task the_tenants_language_is_the_portals_when_it_speaks_it(string? languageClaim, string? expected)
    {
        var http = new DefaultHttpContext { User = UserWith(TenantProfile.LanguageClaim, languageClaim) };

        var result = await new TenantLanguageProvider().DetermineProviderCultureResult(http);

        Assert.Equal(expected, result?.UICultures.Single().Value);
    }

    private static ClaimsPrincipal UserWith(string type, string? value) =>
        new(new ClaimsIdentity(value is null ? [] : [new Claim(type, value)], "test"));

    private sealed class FixedZone(TimeZoneInfo zone) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => zone;
    }

    private sealed class ScriptedOffices(HttpStatusCode status, object body, bool asJson = true) : HttpMessageHandler
    {
        public HttpRequestMessage? Asked { get; private set; }

        public Exception? Failure { get; init; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked = request;
            if (Failure is not null)
            {
                throw Failure;
            }

            HttpContent content = asJson ? JsonContent.Create(body) : new StringContent((string)body, System.Text.Encoding.UTF8, "application/json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        }
    }
}
