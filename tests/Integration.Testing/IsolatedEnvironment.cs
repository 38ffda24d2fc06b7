using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Integration.Testing;

/// <summary>
/// One test class's own corner of the shared servers: a RabbitMQ virtual host and a PostgreSQL
/// schema per service, so classes run in parallel without seeing each other's messages or rows.
/// Deleted again on dispose.
/// </summary>
public sealed class IsolatedEnvironment : IAsyncDisposable
{
    private readonly TestInfrastructure infrastructure;
    private readonly string suffix;
    private readonly HashSet<string> schemas = [];

    private IsolatedEnvironment(TestInfrastructure infrastructure, string suffix)
    {
        this.infrastructure = infrastructure;
        this.suffix = suffix;
        VirtualHost = $"test-{suffix}";
    }

    public string VirtualHost { get; }

    public string Postgres => infrastructure.Postgres;

    public Uri RabbitMq => new UriBuilder(infrastructure.RabbitMq) { Path = Uri.EscapeDataString(VirtualHost) }.Uri;

    public static async Task<IsolatedEnvironment> CreateAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var environment = new IsolatedEnvironment(infrastructure, Guid.NewGuid().ToString("N")[..12]);
        await environment.ManageAsync(HttpMethod.Put, $"vhosts/{environment.VirtualHostPath}", body: null);
        var user = Uri.UnescapeDataString(infrastructure.RabbitMq.UserInfo.Split(':')[0]);
        await environment.ManageAsync(HttpMethod.Put, $"permissions/{environment.VirtualHostPath}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" });
        return environment;
    }

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
        ["ConnectionStrings:Postgres"] = Postgres,
        ["ConnectionStrings:RabbitMq"] = RabbitMq.ToString(),
        ["EventStore:Schema"] = SchemaFor(service),
        ["Auth:DevelopmentSigningKey"] = TestTokens.SigningKey,
    };

    public async Task<long> CountRowsAsync(string service, string table)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from \"{SchemaFor(service)}\".\"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await ManageAsync(HttpMethod.Delete, $"vhosts/{VirtualHostPath}", body: null);
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        foreach (var schema in schemas)
        {
            await using var drop = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }
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
