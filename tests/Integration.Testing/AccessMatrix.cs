using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Testing;

/// <summary>One row of <c>docs/authorization.md</c>: an endpoint, whether it needs a token, and what each role may do.</summary>
public sealed record AccessRule(string Service, string Method, string Path, bool TokenRequired, IReadOnlyDictionary<string, string> Roles)
{
    public string Key => $"{Method} {Path}";
}

/// <summary>
/// Walks the authorization matrix written in <c>docs/authorization.md</c> against a running
/// service: every endpoint the service maps must have a row, every row an endpoint; without a
/// token an endpoint answers 401 unless the row says none is needed; for each role a cell
/// <c>no</c> answers 403, and <c>yes</c> or <c>own</c> (allowed, scoped to the caller's
/// organisation or own records) answers neither 401 nor 403 nor a server error (503, a dependency
/// away, is an answer). Requests carry
/// unknown ids and an empty JSON body, so nothing is changed.
/// </summary>
public static partial class AccessMatrix
{
    public static readonly string[] Roles = ["frontdesk", "caseworker", "partner", "mediator", "coordinator", "admin", "platform_admin"];

    public static IReadOnlyList<AccessRule> Read(string service)
    {
        var lines = File.ReadAllLines(Repository.PathTo("docs", "authorization.md"));
        var rules = new List<AccessRule>();
        foreach (var line in lines.Where(line => line.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('`')).ToArray();
            if (cells.Length != 4 + Roles.Length || cells[0] != service)
            {
                continue;
            }

            rules.Add(new AccessRule(cells[0], cells[1], cells[2], cells[3] == "required",
                Roles.Select((role, index) => (role, cells[4 + index])).ToDictionary(pair => pair.role, pair => pair.Item2)));
        }

        return rules;
    }

    /// <summary>The differences between the table and the service's behaviour, one line each; empty when they agree.</summary>
    /// <param name="tenant">The tenant every role's token names: null for the default tenant (a token without the claim).</param>
    public static async Task<IReadOnlyList<string>> WalkAsync(string service, IServiceProvider services, Func<HttpClient> createClient, string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createClient);
        var rules = Read(service).ToDictionary(rule => rule.Key);
        var endpoints = Endpoints(services);
        var differences = new List<string>();
        differences.AddRange(endpoints.Keys.Except(rules.Keys).Order().Select(key => $"{key}: mapped by {service} but not in docs/authorization.md"));
        differences.AddRange(rules.Keys.Except(endpoints.Keys).Order().Select(key => $"{key}: in docs/authorization.md but not mapped by {service}"));
        var observed = new List<string>();
        foreach (var key in endpoints.Keys.Order(StringComparer.Ordinal))
        {
            var rule = rules.GetValueOrDefault(key);
            var (method, path) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            using var anonymous = createClient();
            var withoutToken = await SendAsync(anonymous, method, path);
            if (rule is not null && rule.TokenRequired != (withoutToken == HttpStatusCode.Unauthorized))
            {
                differences.Add($"{key} without a token: {(int)withoutToken}");
            }

            var cells = new List<string>();
            foreach (var role in Roles)
            {
                using var http = createClient().As(role, subject: $"{role}-matrix", org: Guid.NewGuid().ToString(), tenant: tenant);
                var status = await SendAsync(http, method, path);
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                cells.Add(refused ? "no" : rule?.Roles[role] == "own" ? "own" : "yes");
                if (rule is not null && ((rule.Roles[role] == "no") != refused || IsServerError(status)))
                {
                    differences.Add($"{key} as {role}: {(int)status}, the table says {rule.Roles[role]}");
                }
            }

            observed.Add($"| {service} | {method} | `{path}` | {(withoutToken == HttpStatusCode.Unauthorized ? "required" : "none")} | {string.Join(" | ", cells)} |");
        }

        if (differences.Count > 0)
        {
            differences.Add("Observed:" + Environment.NewLine + string.Join(Environment.NewLine, observed));
        }

        return differences;
    }

    /// <summary>Every route the service maps, as "METHOD /path/{param}" (constraints dropped).</summary>
    public static IReadOnlyDictionary<string, RouteEndpoint> Endpoints(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var source = services.GetRequiredService<EndpointDataSource>();
        var endpoints = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + Constraint().Replace(endpoint.RoutePattern.RawText?.TrimStart('/') ?? "", "{$1}");
            path = path.Length > 1 ? path.TrimEnd('/') : path;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                endpoints[$"{method} {path}"] = endpoint;
            }
        }

        return endpoints;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string method, string pattern)
    {
        var path = Parameter().Replace(pattern, Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A 503 is an answer (a service the endpoint depends on is away, as in an export); anything else from 500 up is a defect.</summary>
    private static bool IsServerError(HttpStatusCode status) => (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Parameter();
}
