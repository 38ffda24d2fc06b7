using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Npgsql;

namespace Integration.Testing;

/// <summary>
/// One test class's own corner of the shared servers: a RabbitMQ virtual host with each service's
/// own user (allowed only what deploy/rabbitmq/permissions.tsv lists, as in every deployment) and a
/// PostgreSQL schema per service, so classes run in parallel without seeing each other's messages or
/// rows. Deleted again on dispose.
/// </summary>
public sealed class IsolatedEnvironment : IAsyncDisposable
{
    private readonly TestInfrastructure infrastructure;
    private readonly string suffix;
    private readonly HashSet<string> schemas = [];
    private readonly Dictionary<string, string> servicePasswords = new(StringComparer.Ordinal);
    private IBusControl? bus;

    private IsolatedEnvironment(TestInfrastructure infrastructure, string suffix)
    {
        this.infrastructure = infrastructure;
        this.suffix = suffix;
        VirtualHost = $"test-{suffix}";
    }

    public string VirtualHost { get; }

    /// <summary>PostgreSQL as the test itself reaches it.</summary>
    public string Postgres => infrastructure.Postgres;

    /// <summary>PostgreSQL as this environment's services reach it: their connections carry the environment's name, so pg_stat_activity tells whose they are.</summary>
    public string ServicePostgres => new NpgsqlConnectionStringBuilder(Postgres) { ApplicationName = ServiceConnectionName }.ConnectionString;

    /// <summary>The virtual host as the servers' administrator (the test's own publishing and peeking).</summary>
    public Uri RabbitMq => new UriBuilder(infrastructure.RabbitMq) { Path = Uri.EscapeDataString(VirtualHost) }.Uri;

    /// <param name="servers">Servers of the caller's own (<see cref="OwnServers"/>) instead of the shared ones.</param>
    public static async Task<IsolatedEnvironment> CreateAsync(TestInfrastructure? servers = null)
    {
        var infrastructure = servers ?? await TestInfrastructure.GetAsync();
        var environment = new IsolatedEnvironment(infrastructure, Guid.NewGuid().ToString("N")[..12]);
        await environment.ManageAsync(HttpMethod.Put, $"vhosts/{environment.VirtualHostPath}", body: null);
        var user = Uri.UnescapeDataString(infrastructure.RabbitMq.UserInfo.Split(':')[0]);
        await environment.ManageAsync(HttpMethod.Put, $"permissions/{environment.VirtualHostPath}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" });
        foreach (var rights in BrokerRights.OfServices())
        {
            var password = Guid.NewGuid().ToString("N");
            await environment.ManageAsync(HttpMethod.Put, $"users/{Uri.EscapeDataString(environment.UserOf(rights.Service))}", new { password, tags = "" });
            environment.servicePasswords[rights.Service] = password;
        }

        await environment.GrantServicesTheirRightsAsync();

        environment.bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(environment.RabbitMq));
        await environment.bus.StartAsync();
        return environment;
    }

    /// <summary>
    /// The rest of the system's side of the broker, as the administrator: what a test publishes here
    /// reaches the service as another service's event would, and <see cref="PublishedMessages"/> listens
    /// here to what the service publishes. The service's own user may do neither.
    /// </summary>
    public IBus Bus => bus ?? throw new InvalidOperationException("The environment is not created.");

    /// <summary>The virtual host as <paramref name="service"/>'s own user, which may do only what deploy/rabbitmq/permissions.tsv lists.</summary>
    public Uri RabbitMqFor(string service) =>
        servicePasswords.TryGetValue(service, out var password)
            ? new UriBuilder(RabbitMq) { UserName = UserOf(service), Password = password }.Uri
            : throw new ArgumentException($"{service} has no RabbitMQ user: deploy/rabbitmq/permissions.tsv does not list it.", nameof(service));

    /// <summary>The schema a service uses in this environment; dropped on dispose.</summary>
    public string SchemaFor(string service)
    {
        var schema = string.Create(CultureInfo.InvariantCulture, $"{service}_{suffix}");
        schemas.Add(schema);
        return schema;
    }

    /// <summary>The settings a service process needs to live in this environment.</summary>
    public IReadOnlyDictionary<string, string> SettingsFor(string service) => new Dictionary<string, string>
    {
        ["ConnectionStrings:Postgres"] = ServicePostgres,
        ["ConnectionStrings:RabbitMq"] = RabbitMqFor(service).ToString(),
        ["EventStore:Schema"] = SchemaFor(service),
        ["Auth:DevelopmentSigningKey"] = TestTokens.SigningKey,
    };

    /// <summary>
    /// The rows of a service's table, or of one tenant's rows only (a store's tenant id, <c>*DEFAULT*</c> for the default tenant), in the
    /// database the tenant's rows are in.
    /// </summary>
    public Task<long> CountRowsAsync(string service, string table, string? tenant = null) => CountAsync(service, table, tenant, eventType: null);

    /// <summary>The events of one type (Marten's alias, <c>client_data_shown</c>) a service stored for a tenant (a store's tenant id).</summary>
    public Task<long> CountEventsAsync(string service, string eventType, string tenant) => CountAsync(service, "mt_events", tenant, eventType);

    private async Task<long> CountAsync(string service, string table, string? tenant, string? eventType)
    {
        var database = tenant is null ? null : (await TenantDatabasesAsync(SchemaFor(service))).GetValueOrDefault(tenant);
        await using var connection = new NpgsqlConnection(database is null ? Postgres : new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from \"{SchemaFor(service)}\".\"{table}\" where true" + (tenant is null ? "" : " and tenant_id = @tenant")
            + (eventType is null ? "" : " and type = @type"), connection);
        if (tenant is not null)
        {
            command.Parameters.AddWithValue("tenant", tenant);
        }

        if (eventType is not null)
        {
            command.Parameters.AddWithValue("type", eventType);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// "schema.table: value" for every row that holds one of <paramref name="values"/> (<see cref="PersonalDataScan"/>) in any database
    /// the <paramref name="services"/> keep: their own and, in the database-per-tenant mode, every tenant's.
    /// </summary>
    public async Task<IReadOnlyList<string>> ScanForPersonalDataAsync(IEnumerable<string> services, IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(services);
        var found = new List<string>();
        foreach (var schema in services.Select(SchemaFor))
        {
            found.AddRange(await PersonalDataScan.FindAsync(Postgres, schema, values));
            foreach (var (tenant, database) in await TenantDatabasesAsync(schema))
            {
                var hits = await PersonalDataScan.FindAsync(new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString, schema, values);
                found.AddRange(hits.Select(hit => $"{tenant}/{hit}"));
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }

        await ManageAsync(HttpMethod.Delete, $"vhosts/{VirtualHostPath}", body: null);
        foreach (var service in servicePasswords.Keys)
        {
            await ManageAsync(HttpMethod.Delete, $"users/{Uri.EscapeDataString(UserOf(service))}", body: null);
        }

        var tenantDatabases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            tenantDatabases.UnionWith((await TenantDatabasesAsync(schema)).Values);
        }

        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        foreach (var schema in schemas)
        {
            await using var drop = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }

        foreach (var database in tenantDatabases)
        {
            await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The databases of the tenants a service in <paramref name="schema"/> keeps apart (<c>Tenancy:Storage</c> DatabasePerTenant: the store's
    /// <c>mt_tenant_databases</c>), by store tenant id; none when its tenants share one database.
    /// </summary>
    private async Task<Dictionary<string, string>> TenantDatabasesAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
        exists.Parameters.AddWithValue("table", $"\"{schema}\".mt_tenant_databases");
        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await exists.ExecuteScalarAsync() is not true)
        {
            return databases;
        }

        await using var read = new NpgsqlCommand($"select tenant_id, connection_string from \"{schema}\".mt_tenant_databases where tenant_id <> '*DEFAULT*'", connection);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            databases[reader.GetString(0)] = new NpgsqlConnectionStringBuilder(reader.GetString(1)).Database!;
        }

        return databases;
    }

    /// <summary>Gives each service's user what deploy/rabbitmq/permissions.tsv lists in this virtual host.</summary>
    private async Task GrantServicesTheirRightsAsync()
    {
        foreach (var rights in BrokerRights.OfServices())
        {
            await ManageAsync(HttpMethod.Put, $"permissions/{VirtualHostPath}/{Uri.EscapeDataString(UserOf(rights.Service))}",
                new { configure = rights.Configure, write = rights.Write, read = rights.Read });
        }
    }

    /// <summary>
    /// Closes every connection this environment's services hold to RabbitMQ, as a broker restart or a
    /// network cut does; returns how many there were.
    /// </summary>
    public async Task<int> CutServiceBrokerConnectionsAsync()
    {
        var users = servicePasswords.Keys.Select(UserOf).ToHashSet(StringComparer.Ordinal);
        var connections = JsonDocument.Parse(await ManageAsync(HttpMethod.Get, $"vhosts/{VirtualHostPath}/connections", body: null)).RootElement
            .EnumerateArray().Where(connection => users.Contains(connection.GetProperty("user").GetString()!))
            .Select(connection => connection.GetProperty("name").GetString()!).ToList();
        foreach (var name in connections)
        {
            await ManageAsync(HttpMethod.Delete, $"connections/{Uri.EscapeDataString(name)}", body: null);
        }

        return connections.Count;
    }

    /// <summary>The queues of this environment's virtual host as the RabbitMQ management API lists them (name, type, durable, …).</summary>
    public async Task<JsonElement> QueuesAsync() =>
        JsonDocument.Parse(await ManageAsync(HttpMethod.Get, $"queues/{VirtualHostPath}", body: null)).RootElement.Clone();

    /// <summary>Publishes <paramref name="payload"/> as it is to an exchange of this virtual host, as a broken publisher would.</summary>
    public async Task PublishRawAsync(string exchange, string payload, string contentType) =>
        await ManageAsync(HttpMethod.Post, $"exchanges/{VirtualHostPath}/{Uri.EscapeDataString(exchange)}/publish", new
        {
            properties = new { content_type = contentType, message_id = Guid.NewGuid().ToString() },
            routing_key = "",
            payload,
            payload_encoding = "string",
        });

    /// <summary>Up to <paramref name="count"/> messages of a queue, left in it (name, headers, payload, as the management API shows them).</summary>
    public async Task<JsonElement> PeekAsync(string queue, int count) =>
        JsonDocument.Parse(await ManageAsync(HttpMethod.Post, $"queues/{VirtualHostPath}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" })).RootElement.Clone();

    private string VirtualHostPath => Uri.EscapeDataString(VirtualHost);

    private string UserOf(string service) => $"{VirtualHost}-{service}";

    private string ServiceConnectionName => $"{VirtualHost}-services";

    private async Task<string> ManageAsync(HttpMethod method, string path, object? body)
    {
        var management = infrastructure.RabbitMqManagement;
        using var http = new HttpClient { BaseAddress = new UriBuilder(management) { UserName = "", Password = "", Path = "/api/" }.Uri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode && !(method == HttpMethod.Delete && response.StatusCode == System.Net.HttpStatusCode.NotFound))
        {
            throw new InvalidOperationException($"RabbitMQ management {method} {path} answered {(int)response.StatusCode}: {content}");
        }

        return content;
    }
}
