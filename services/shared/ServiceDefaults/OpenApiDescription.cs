using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Integration.ServiceDefaults;

/// <summary>
/// What every service's OpenAPI document says beyond its routes, so that a generated client works: the
/// bearer scheme every endpoint requires unless it allows anonymous callers, a summary on each
/// operation (its own, or its name in words: <c>RegisterClient</c> → "Register client"), every path
/// parameter of the route declared (a handler shared by several routes reads some from the route
/// values, which the generator does not see), no property that may be null among the required ones
/// (null values are left out of answers), and server addresses without a trailing slash.
/// </summary>
internal static partial class OpenApiDescription
{
    public const string BearerScheme = "bearer";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
            }

            document.Components ??= new OpenApiComponents();

            // Answers leave null values out (JsonIgnoreCondition.WhenWritingNull): a property that may be
            // null is absent then, so it is never required, or a generated client would reject the answer.
            foreach (var schema in (document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
            {
                foreach (var name in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Where(property => MayBeNull(property.Value))
                    .Select(property => property.Key))
                {
                    schema.Required?.Remove(name);
                }
            }

            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the identity provider (POST /dev/token at the gateway in Development).",
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ReportCount))
            {
                (schema.Type, schema.Format, schema.Properties, schema.Required, schema.Description) = (null, null, null, null, ReportCount.Description);
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Security = metadata.OfType<IAllowAnonymous>().Any()
                ? []
                : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            if (string.IsNullOrWhiteSpace(operation.Summary) && operation.OperationId is { Length: > 0 } name)
            {
                operation.Summary = InWords(name);
            }

            DeclareRouteParameters(operation, context.Description.ActionDescriptor.AttributeRouteInfo?.Template ?? context.Description.RelativePath);
            return Task.CompletedTask;
        });
    }

    private static bool MayBeNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Any(alternative => alternative.Type is { } type && type.HasFlag(JsonSchemaType.Null));

    private static void DeclareRouteParameters(OpenApiOperation operation, string? template)
    {
        foreach (Match parameter in RouteParameter().Matches(template ?? ""))
        {
            var name = parameter.Groups["name"].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(declared => declared.In == ParameterLocation.Path && declared.Name == name))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = parameter.Groups["constraint"].Value == "guid"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(?::(?<constraint>[a-z]+))?[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>"GetClientTimeline" → "Get client timeline".</summary>
    private static string InWords(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]))
            {
                // A capital after a small letter starts a word; one followed by another capital is an acronym (HSDS) and stays.
                words.Append(' ').Append(i + 1 < name.Length && char.IsUpper(name[i + 1]) ? c : char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
