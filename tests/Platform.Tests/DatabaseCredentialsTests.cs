using Integration.Eventing;
using Npgsql;

namespace Integration.Platform.Tests;

public sealed class DatabaseCredentialsTests
{
    private static readonly DatabaseCredentials Credentials = new([
        "Host=db.example;Port=5432;Database=integration_intake;Username=intake;Password=service-secret",
        "Host=CITY.example;Port=6432;Database=susa;Username=susa_intake;Password=city-secret",
    ]);

    [Fact]
    public void what_is_recorded_of_a_connection_string_is_all_but_its_password()
    {
        var recorded = new NpgsqlConnectionStringBuilder(
            DatabaseCredentials.WithoutPassword("Host=db.example;Database=integration_intake_susa;Username=intake;Password=service-secret;Maximum Pool Size=20"));

        Assert.Equal((null, "db.example", "integration_intake_susa", "intake", 20),
            (recorded.Password, recorded.Host, recorded.Database, recorded.Username, recorded.MaxPoolSize));
    }

    [Fact]
    public void a_pool_takes_the_password_configured_for_the_same_server_and_user()
    {
        Assert.Equal("service-secret", PasswordOf(Credentials.WithPassword("Host=db.example;Port=5432;Database=integration_intake_susa;Username=intake")));
        Assert.Equal("city-secret", PasswordOf(Credentials.WithPassword("Host=city.example;Port=6432;Database=susa;Username=susa_intake")));
    }

    [Theory]
    [InlineData("Host=other.example;Port=5432;Database=integration_intake;Username=intake")]
    [InlineData("Host=db.example;Port=5433;Database=integration_intake;Username=intake")]
    [InlineData("Host=db.example;Port=5432;Database=integration_intake;Username=susa_intake")]
    public void another_server_port_or_user_gets_no_password_of_ours(string connectionString)
    {
        Assert.Null(PasswordOf(Credentials.WithPassword(connectionString)));
    }

    [Fact]
    public void a_connection_string_with_a_password_keeps_it()
    {
        Assert.Equal("own", PasswordOf(Credentials.WithPassword("Host=db.example;Port=5432;Database=x;Username=intake;Password=own")));
    }

    private static string? PasswordOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Password;
}
