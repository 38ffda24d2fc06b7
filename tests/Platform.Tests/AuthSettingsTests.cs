using Integration.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Integration.Platform.Tests;

public sealed class AuthSettingsTests
{
    private const string LongEnoughKey = "a-development-key-of-at-least-thirty-two-bytes";

    [Fact]
    public void a_development_key_is_accepted_in_development()
    {
        var settings = AuthSettings.From(Configuration(("Auth:DevelopmentSigningKey", LongEnoughKey)), Host("Development"));

        Assert.NotNull(settings.DevelopmentKey);
        Assert.Equal(AuthSettings.DefaultIssuer, settings.Issuer);
        Assert.Equal(AuthSettings.DefaultAudience, settings.Audience);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void a_development_key_is_refused_outside_development(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthSettings.From(Configuration(("Auth:DevelopmentSigningKey", LongEnoughKey), ("Auth:Authority", "https://id.example.org")), Host(environment)));

        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void production_uses_the_configured_authority()
    {
        var settings = AuthSettings.From(Configuration(("Auth:Authority", "https://id.example.org/realms/city"), ("Auth:Audience", "integration-api")), Host("Production"));

        Assert.Equal("https://id.example.org/realms/city", settings.Authority);
        Assert.Equal("integration-api", settings.Audience);
        Assert.Null(settings.DevelopmentKey);
    }

    [Fact]
    public void no_authority_and_no_key_is_a_start_up_error()
    {
        Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Configuration(), Host("Development")));
    }

    [Fact]
    public void a_short_development_key_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            AuthSettings.From(Configuration(("Auth:DevelopmentSigningKey", "too-short")), Host("Development")));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();

    private static FixedEnvironment Host(string environment) => new(environment);

    private sealed class FixedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
