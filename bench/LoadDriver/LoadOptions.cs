using System.Globalization;
using System.Net.Http.Json;

namespace Integration.Bench;

internal sealed record LoadOptions(string Scenario, IReadOnlyDictionary<string, string> Values)
{
    public Uri Gateway => new(Get("gateway", "http://localhost:8080"));

    public int Count => Int("count", 2000);

    public int Concurrency => Int("concurrency", 16);

    public int WarmUp => Int("warmup", 100);

    public int Clients => Int("clients", 1_000_000);

    public int Queries => Int("queries", 1000);

    public int QueryConcurrency => Int("query-concurrency", 1);

    /// <summary>A role that may create databases; the database name is added per use.</summary>
    public string Postgres => Get("postgres",
        Environment.GetEnvironmentVariable("INTEGRATION_POSTGRES") ?? "Host=localhost;Port=5432;Username=integration;Password=integration");

    /// <summary>
    /// The broker as its administrator (<c>INTEGRATION_RABBITMQ</c> and <c>INTEGRATION_RABBITMQ_MANAGEMENT</c>, which
    /// scripts/infra.sh exports), on a virtual host of the benchmarks' own (<see cref="BenchVirtualHost"/>). A service a
    /// scenario starts publishes what its relay relays: on the virtual host of the system ./run.sh started, the 200,000
    /// referrals of a caseload run became 600,000 messages in that system's intake queue, which loaded the machine long after.
    /// </summary>
    public async Task<string> RabbitMqAsync()
    {
        var broker = Get("rabbitmq", Environment.GetEnvironmentVariable("INTEGRATION_RABBITMQ")
            ?? throw new InvalidOperationException("INTEGRATION_RABBITMQ is not set: run `source scripts/infra.sh && ensure_infrastructure` first, or pass --rabbitmq."));
        var management = new Uri(Get("rabbitmq-management", Environment.GetEnvironmentVariable("INTEGRATION_RABBITMQ_MANAGEMENT")
            ?? throw new InvalidOperationException("INTEGRATION_RABBITMQ_MANAGEMENT is not set: run `source scripts/infra.sh && ensure_infrastructure` first, or pass --rabbitmq-management.")));
        var credentials = management.UserInfo.Split(':').Select(Uri.UnescapeDataString).ToArray();
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials[0]}:{credentials[1]}")));
        (await http.PutAsync($"vhosts/{BenchVirtualHost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"permissions/{BenchVirtualHost}/{Uri.EscapeDataString(credentials[0])}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return $"{broker.TrimEnd('/')}/{BenchVirtualHost}";
    }

    public const string BenchVirtualHost = "integration-bench";

    public static LoadOptions Parse(string[] args)
    {
        var scenario = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "gateway";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = scenario == "gateway" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? 0 : 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new LoadOptions(scenario, values);
    }

    private string Get(string name, string fallback) => Values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
