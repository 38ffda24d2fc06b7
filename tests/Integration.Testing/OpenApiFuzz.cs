using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Testing;

/// <summary>
/// Requests made from a service's OpenAPI document, for every operation: path parameters that are
/// unknown ids or not ids, query parameters of the wrong type or out of range, and bodies that are
/// empty, of the wrong shape, with each property of the wrong type, far too long, or plausible. No
/// answer may be a server error, every refusal must be a problem document, and every status must be
/// one the operation documents, so a client generated from the document knows every answer it can
/// get. Each request is sent as each of the given callers (roles), so the handlers behind
/// authorization are reached.
/// </summary>
public static class OpenApiFuzz
{
    private static readonly string[] BadQueryValues =
        ["", "-1", "0", "2147483648", "99999999999999999999", "abc", "9999-99-99", "0001-01-01", "' OR 1=1 --", "%00", "\u202Eevil", new string('x', 5000)];

    private static readonly string[] BadPathValues = ["not-an-id", "0", new string('9', 300)];

    /// <summary>
    /// The answers counted by status ("201: 40, 400: 2100, …"), and what went wrong: "METHOD path body →
    /// status (content type): answer", one per bad answer.
    /// </summary>
    public static async Task<(string Statuses, IReadOnlyList<string> Failures)> RunAsync(Func<HttpClient> createClient, string document,
        IReadOnlyList<Action<HttpClient>> callers)
    {
        ArgumentNullException.ThrowIfNull(createClient);
        ArgumentNullException.ThrowIfNull(callers);
        var root = JsonNode.Parse(document)!;
        var schemas = root["components"]?["schemas"]?.AsObject();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(entry => entry.Key is "get" or "post" or "put" or "delete" or "patch"))
            {
                foreach (var request in Requests(path, method, operation!, schemas))
                {
                    foreach (var caller in callers)
                    {
                        using var http = createClient();
                        caller(http);
                        using var message = request.Build();
                        using var response = await http.SendAsync(message);
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        if (await FailureAsync(message, response, Documented(operation!, request)) is { } failure)
                        {
                            failures.Add(failure);
                        }
                    }
                }
            }
        }

        return (string.Join(", ", statuses.Select(status => $"{status.Key}: {status.Value}")), failures);
    }

    /// <summary>
    /// The statuses an operation documents, and those every operation may answer: 401 and 403 (the
    /// bearer security scheme), 405 (a method the path does not have), 413 (a body over the server's
    /// limit), and 404 for a path whose parameter is not of its type (it addresses no operation).
    /// </summary>
    private static HashSet<int> Documented(JsonNode operation, FuzzRequest request) =>
    [
        401, 403, 405, 413,
        .. request.MalformedPath ? [404] : Array.Empty<int>(),
        .. operation["responses"]?.AsObject().Select(response => int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture)) ?? [],
    ];

    private static async Task<string?> FailureAsync(HttpRequestMessage request, HttpResponseMessage response, HashSet<int> documented)
    {
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        // A 503 is a service's own answer when something it needs is away (an export while another service is down).
        var serverError = status >= 500 && !(status == 503 && type == "application/problem+json");
        var refusalWithoutProblem = status >= 400 && status != 405 && type != "application/problem+json";
        var undocumented = !documented.Contains(status);
        if (!serverError && !refusalWithoutProblem && !undocumented)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
        return $"{request.Method} {request.RequestUri} {Shorten(sent)} → {status} ({type}{(undocumented ? ", not documented" : "")}): {Shorten(body)}";
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static IEnumerable<FuzzRequest> Requests(string path, string method, JsonNode operation, JsonObject? schemas)
    {
        var parameters = operation["parameters"]?.AsArray().Select(parameter => parameter!).ToList() ?? [];
        var pathNames = parameters.Where(parameter => (string?)parameter["in"] == "path").Select(parameter => (string)parameter["name"]!).ToList();
        var queryNames = parameters.Where(parameter => (string?)parameter["in"] == "query").Select(parameter => (string)parameter["name"]!).ToList();
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var known = Fill(path, pathNames, _ => Guid.NewGuid().ToString());

        yield return new FuzzRequest(method, known, null, bodySchema is null ? null : Sample(bodySchema, schemas, 0)?.ToJsonString());
        foreach (var bad in BadPathValues)
        {
            if (pathNames.Count > 0)
            {
                yield return new FuzzRequest(method, Fill(path, pathNames, _ => Uri.EscapeDataString(bad)), null, null, MalformedPath: true);
            }
        }

        foreach (var name in queryNames)
        {
            foreach (var bad in BadQueryValues)
            {
                yield return new FuzzRequest(method, known, $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(bad)}", null);
            }
        }

        if (bodySchema is null)
        {
            yield break;
        }

        foreach (var raw in new[] { "", "{}", "[]", "null", "\"text\"", "12", "{\"a\":", new string('[', 5000), "{\"x\":\"" + new string('y', 200_000) + "\"}" })
        {
            yield return new FuzzRequest(method, known, null, raw);
        }

        if (Resolve(bodySchema, schemas)?["properties"]?.AsObject() is { } properties)
        {
            foreach (var (name, property) in properties)
            {
                foreach (var wrong in WrongValues(property!, schemas))
                {
                    var body = Sample(bodySchema, schemas, 0)?.AsObject() ?? [];
                    body[name] = wrong?.DeepClone();
                    yield return new FuzzRequest(method, known, null, body.ToJsonString());
                }
            }
        }
    }

    private static string Fill(string path, IEnumerable<string> names, Func<string, string> value) =>
        names.Aggregate(path, (filled, name) => filled.Replace("{" + name + "}", value(name), StringComparison.Ordinal));

    /// <summary>Values of other types than the property's, and extremes of its own.</summary>
    private static IEnumerable<JsonNode?> WrongValues(JsonNode property, JsonObject? schemas)
    {
        yield return null;
        yield return JsonValue.Create(12345);
        yield return JsonValue.Create("not what is meant");
        yield return new JsonArray(JsonValue.Create(1), JsonValue.Create("two"));
        yield return new JsonObject { ["nested"] = JsonValue.Create(true) };
        yield return JsonValue.Create(-2147483649L);
        yield return JsonValue.Create(new string('z', 20_000));
        yield return JsonValue.Create("0001-01-01T00:00:00+14:00");
        yield return JsonValue.Create("9999-12-31");
        if (Resolve(property, schemas)?["items"] is { } items)
        {
            yield return new JsonArray([.. Enumerable.Range(0, 500).Select(_ => Sample(items, schemas, 1))]);
        }
    }

    /// <summary>A plausible value of the schema: the first enum value, a fresh id, now, "a", 1, and objects filled the same way.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonObject? schemas, int depth)
    {
        var resolved = Resolve(schema, schemas);
        if (resolved is null || depth > 4)
        {
            return null;
        }

        if (resolved["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(value => value is not null)?.DeepClone();
        }

        var type = resolved["type"] switch
        {
            JsonArray types => types.Select(item => (string?)item).FirstOrDefault(item => item != "null"),
            JsonValue single => (string?)single,
            _ => resolved["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject(resolved["properties"]?.AsObject()
                .Select(property => KeyValuePair.Create(property.Key, Sample(property.Value!, schemas, depth + 1))) ?? []),
            "array" => resolved["items"] is { } items ? new JsonArray(Sample(items, schemas, depth + 1)) : new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            "string" => (string?)resolved["format"] switch
            {
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.AddDays(1).ToString("O")),
                "date" => JsonValue.Create("1990-05-05"),
                _ => JsonValue.Create("a"),
            },
            _ => null,
        };
    }

    private static JsonNode? Resolve(JsonNode schema, JsonObject? schemas)
    {
        var current = schema;
        for (var hops = 0; hops < 10; hops++)
        {
            if ((string?)current?["$ref"] is { } reference)
            {
                current = schemas?[reference.Split('/')[^1]];
            }
            else if (current?["oneOf"] is JsonArray alternatives)
            {
                current = alternatives.FirstOrDefault(alternative => (string?)alternative?["type"] != "null");
            }
            else
            {
                return current;
            }
        }

        return current;
    }

    private sealed record FuzzRequest(string Method, string Path, string? Query, string? Body, bool MalformedPath = false)
    {
        public HttpRequestMessage Build() =>
            new(new HttpMethod(Method.ToUpperInvariant()), new Uri(Path.TrimStart('/') + (Query is null ? "" : "?" + Query), UriKind.Relative))
            {
                Content = Body is null ? null : new StringContent(Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
    }
}
