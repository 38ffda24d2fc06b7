using Npgsql;

namespace Integration.Eventing;

/// <summary>
/// Database passwords stay in configuration (in Kubernetes a Secret), never in a table: the list of tenant databases
/// (<c>mt_tenant_databases</c>, readable by anyone who can read the service's database) records each connection string without its
/// password, and a connection pool built for one takes the password configuration gives the same server and user. A connection string
/// no configured one matches connects without a password, so Npgsql's own sources still apply (<c>PGPASSWORD</c>, a pgpass file).
/// </summary>
public sealed class DatabaseCredentials
{
    private readonly Dictionary<(string Host, int Port, string Username), string> passwords = [];

    /// <summary>The passwords of <paramref name="connectionStrings"/> (the service's own and every configured tenant database's).</summary>
    public DatabaseCredentials(IEnumerable<string> connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        foreach (var connectionString in connectionStrings)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (builder.Password is { Length: > 0 } password)
            {
                passwords.TryAdd(KeyOf(builder), password);
            }
        }
    }

    /// <summary>What is recorded of a connection string: all of it but the password.</summary>
    public static string WithoutPassword(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;

    /// <summary><paramref name="connectionString"/> with the password configuration gives its server and user, when it has none.</summary>
    public string WithPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Password) && passwords.TryGetValue(KeyOf(builder), out var password))
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    private static (string Host, int Port, string Username) KeyOf(NpgsqlConnectionStringBuilder builder) =>
        ((builder.Host ?? "").ToLowerInvariant(), builder.Port, builder.Username ?? "");
}
