using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Integration.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ every integration test runs against, resolved once per test run:
/// the servers named by <c>INTEGRATION_TEST_POSTGRES</c>, <c>INTEGRATION_TEST_RABBITMQ</c> and
/// <c>INTEGRATION_TEST_RABBITMQ_MANAGEMENT</c> (./test.sh sets them), otherwise containers started
/// with Testcontainers when a Docker engine is reachable. Never an in-memory stand-in.
/// </summary>
public sealed class TestInfrastructure
{
    public const string PostgresVariable = "INTEGRATION_TEST_POSTGRES";
    public const string RabbitMqVariable = "INTEGRATION_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "INTEGRATION_TEST_RABBITMQ_MANAGEMENT";

    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync);

    private TestInfrastructure(string postgres, Uri rabbitMq, Uri rabbitMqManagement)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        RabbitMqManagement = rabbitMqManagement;
    }

    /// <summary>A connection string to the test database, in which each test class gets its own schemas.</summary>
    public string Postgres { get; }

    /// <summary>The broker, without a virtual host; each test class gets its own.</summary>
    public Uri RabbitMq { get; }

    /// <summary>The management API (with credentials), used to create and delete virtual hosts.</summary>
    public Uri RabbitMqManagement { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    /// <summary>Servers a test started itself (<see cref="OwnServers"/>).</summary>
    internal static TestInfrastructure At(string postgres, Uri rabbitMq, Uri rabbitMqManagement) => new(postgres, rabbitMq, rabbitMqManagement);

    private static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbitMq = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var management = Environment.GetEnvironmentVariable(RabbitMqManagementVariable);
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbitMq) && !string.IsNullOrWhiteSpace(management))
        {
            await EnsureDatabaseExistsAsync(postgres);
            return new TestInfrastructure(postgres, new Uri(rabbitMq), new Uri(management));
        }

        if (!DockerIsReachable())
        {
            throw new InvalidOperationException(
                $"No test infrastructure: set {PostgresVariable}, {RabbitMqVariable} and {RabbitMqManagementVariable} " +
                "(./test.sh starts PostgreSQL and RabbitMQ and sets them), or make a Docker engine reachable for Testcontainers.");
        }

        return await StartContainersAsync();
    }

    private static bool DockerIsReachable() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static async Task<TestInfrastructure> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15-alpine").Build();
        var rabbitMq = new RabbitMqBuilder("rabbitmq:3.13-management-alpine")
            .WithUsername("integration-admin").WithPassword("integration")
            .WithPortBinding(RabbitManagementPort, assignRandomHostPort: true)
            .Build();
        await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync());
        var management = new UriBuilder("http", rabbitMq.Hostname, rabbitMq.GetMappedPublicPort(RabbitManagementPort))
        {
            UserName = "integration-admin",
            Password = "integration",
        }.Uri;
        return new TestInfrastructure(postgres.GetConnectionString(), new Uri(rabbitMq.GetConnectionString()), management);
    }

    private const ushort RabbitManagementPort = 15672;

    /// <summary>Creates the named database when the server has not got it yet.</summary>
    internal static async Task EnsureDatabaseExistsAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException($"{PostgresVariable} must name a Database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another test process created it first.
            }
        }
    }
}
