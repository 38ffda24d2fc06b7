using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Testing;

/// <summary>
/// What a service's OpenAPI document must be for a client generator to trust it: every route the app
/// maps is an operation of the document and every operation is a mapped route, and Redocly's
/// recommended rules find no error in it.
/// </summary>
public static partial class OpenApiContract
{
    /// <summary>The document as the service serves it.</summary>
    public static async Task<string> DocumentAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>"GET /clients/{clientId}" for every route the app maps, except those it excludes from the description on purpose.</summary>
    public static IReadOnlySet<string> MappedOperations(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            var path = "/" + RouteConstraint().Replace(endpoint.RoutePattern.RawText!.Trim('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
            {
                mapped.Add($"{method} {path}");
            }
        }

        return mapped;
    }

    /// <summary>"GET /clients/{clientId}" for every operation of the document.</summary>
    public static IReadOnlySet<string> DocumentedOperations(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in parsed.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(item => item.Name is not ("parameters" or "summary" or "description" or "servers")))
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return documented;
    }

    /// <summary>
    /// "Schema.property" for every property the document both requires and allows to be null: answers
    /// leave nulls out, so a client generated from such a document rejects them.
    /// </summary>
    public static IReadOnlyList<string> RequiredYetNullable(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        var found = new List<string>();
        foreach (var schema in parsed.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("required", out var required) || !schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            found.AddRange(required.EnumerateArray().Select(name => name.GetString()!)
                .Where(name => properties.TryGetProperty(name, out var property) && AllowsNull(property))
                .Select(name => $"{schema.Name}.{name}"));
        }

        return found;
    }

    /// <summary>
    /// Schemas that have a property which cannot be null, yet list no required field: .NET infers
    /// "required" from a record's only constructor, so a second constructor silently drops it, and a
    /// client generated from the document then treats every field of the answer as optional.
    /// ASP.NET Core's own <c>HttpValidationProblemDetails</c> is left out: its <c>errors</c> is never null.
    /// </summary>
    public static IReadOnlyList<string> ObjectsWithoutRequiredFields(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return [.. parsed.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(schema => schema.Name != "HttpValidationProblemDetails" && schema.Value.TryGetProperty("properties", out var properties)
                && !schema.Value.TryGetProperty("required", out _)
                && properties.EnumerateObject().Any(property => !AllowsNull(property.Value)))
            .Select(schema => schema.Name)];
    }

    private static bool AllowsNull(JsonElement property) =>
        (property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
            && type.EnumerateArray().Any(item => item.GetString() == "null"))
        || (property.TryGetProperty("oneOf", out var alternatives)
            && alternatives.EnumerateArray().Any(alternative => alternative.TryGetProperty("type", out var kind) && kind.GetString() == "null"));

    /// <summary>
    /// Null when the repository's copy of a service's document (<c>docs/openapi/{service}.json</c>, the
    /// contract as reviewers and client generators read it) is the document served; else what to do.
    /// With <c>INTEGRATION_UPDATE_OPENAPI=1</c> the copy is rewritten instead. The served <c>servers</c>
    /// are left out: they name whoever asked.
    /// </summary>
    public static async Task<string?> CommittedCopyDriftAsync(string service, string document)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(document)!.AsObject();
        node.Remove("servers");
        var served = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var copy = Repository.PathTo("docs", "openapi", $"{service}.json");
        if (Environment.GetEnvironmentVariable("INTEGRATION_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(copy, served);
            return null;
        }

        return File.Exists(copy) && await File.ReadAllTextAsync(copy) == served
            ? null
            : $"{copy} is not the document {service} serves: the committed contract is stale. "
                + "Refresh it with INTEGRATION_UPDATE_OPENAPI=1 ./test.sh (or that variable on dotnet test --filter OpenApiDocumentTests) and commit it.";
    }

    /// <summary>Runs <c>redocly lint</c> with the recommended rules (tools/openapi-lint) on the document; its errors and warnings.</summary>
    public static async Task<(IReadOnlyList<string> Errors, int Warnings)> LintAsync(string document)
    {
        var tools = Repository.PathTo("tools", "openapi-lint");
        var cli = Path.Combine(tools, "node_modules", "@redocly", "cli", "bin", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException("tools/openapi-lint has no node_modules: run 'npm ci --prefix tools/openapi-lint' (test.sh does).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = tools,
            };
            foreach (var argument in new[] { cli, "lint", file, "--config", Path.Combine(tools, "redocly.yaml"), "--format", "json" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output;
            var reportStart = text.IndexOf('{', StringComparison.Ordinal);
            if (reportStart < 0)
            {
                throw new InvalidOperationException($"redocly lint wrote no report (exit {process.ExitCode}): {text}{await error}");
            }

            using var report = JsonDocument.Parse(text[reportStart..]);
            var problems = report.RootElement.GetProperty("problems").EnumerateArray().ToList();
            var errors = problems.Where(problem => problem.GetProperty("severity").GetString() == "error")
                .Select(problem => $"{problem.GetProperty("ruleId").GetString()}: {problem.GetProperty("message").GetString()} at " +
                    string.Join(", ", problem.GetProperty("location").EnumerateArray().Select(location => location.GetProperty("pointer").GetString())))
                .ToList();
            return (errors, problems.Count - errors.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();
}
