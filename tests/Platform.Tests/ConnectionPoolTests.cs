using Integration.Eventing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Integration.Platform.Tests;

/// <summary>
/// Each process's pool is capped so that the services together stay under PostgreSQL's <c>max_connections</c>, and its
/// connections keep their prepared statements between requests.
/// </summary>
public sealed class ConnectionPoolTests
{
    private const string Server = "Host=db;Port=5432;Username=intake;Password=secret;Database=integration_intake";

    [Fact]
    public void a_connection_string_without_pool_settings_gets_the_defaults_and_keeps_everything_else()
    {
        var settings = SettingsFor(Server);

        var pooled = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(EventStoreSettings.DefaultMaxPoolSize, pooled.MaxPoolSize);
        Assert.Equal(EventStoreSettings.DefaultMaxAutoPrepare, pooled.MaxAutoPrepare);
        Assert.True(pooled.NoResetOnClose);
        Assert.Equal(("db", 5432, "intake", "secret", "integration_intake"),
            (pooled.Host, pooled.Port, pooled.Username, pooled.Password, pooled.Database));
    }

    [Theory]
    [InlineData("Maximum Pool Size=50", 50)]
    [InlineData("MaxPoolSize=7", 7)]
    [InlineData("maximum pool size=3", 3)]
    public void a_pool_size_the_operator_set_is_kept(string poolSize, int expected)
    {
        var settings = SettingsFor($"{Server};{poolSize}");

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void preparing_and_resetting_as_the_operator_set_them_are_kept()
    {
        var settings = SettingsFor($"{Server};Max Auto Prepare=0;No Reset On Close=false");

        var pooled = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.False(pooled.NoResetOnClose);
        Assert.Equal(EventStoreSettings.DefaultMaxPoolSize, pooled.MaxPoolSize);
    }

    private static EventStoreSettings SettingsFor(string connectionString) => EventStoreSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }).Build(),
        "intake");
}
