using Integration.Eventing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Integration.Platform.Tests;

/// <summary>Each process's pool is capped so that the services together stay under PostgreSQL's <c>max_connections</c>.</summary>
public sealed class ConnectionPoolTests
{
    private const string Server = "Host=db;Port=5432;Username=intake;Password=secret;Database=integration_intake";

    [Fact]
    public void a_connection_string_without_a_pool_size_gets_the_default_cap_and_keeps_everything_else()
    {
        var settings = SettingsFor(Server);

        var pooled = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(EventStoreSettings.DefaultMaxPoolSize, pooled.MaxPoolSize);
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

    private static EventStoreSettings SettingsFor(string connectionString) => EventStoreSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }).Build(),
        "intake");
}
