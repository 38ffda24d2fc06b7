using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Integration.Eventing;

/// <summary>The tenant a public, unauthenticated request names: <c>?tenant=</c> on the HSDS directory.</summary>
public static class PublicTenants
{
    public const string QueryParameter = "tenant";

    public const string Unknown = "No tenant publishes a directory under this id.";

    /// <summary>The tenant the request's query names when it is a tenant id, else null (the default tenant).</summary>
    public static string? Named(HttpContext http) =>
        http.Request.Query[QueryParameter].ToString() is { Length: > 0 } named && TenantIds.IsTenantId(named) ? named : null;

    /// <summary>
    /// Answers 404 for a <c>?tenant=</c> that names no tenant (or is no tenant id at all): a directory nobody publishes. Without it, the
    /// request reads the default tenant's.
    /// </summary>
    public static TBuilder RequireKnownTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = QueryParameter,
                In = ParameterLocation.Query,
                Description = "The tenant (city or consortium) whose directory to read; the deployment's default tenant without it. "
                    + "One that does not exist is 404.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        }).WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]))
        .AddEndpointFilter(async (context, next) =>
        {
            var named = context.HttpContext.Request.Query[QueryParameter].ToString();
            if (named.Length == 0)
            {
                return await next(context);
            }

            var directory = context.HttpContext.RequestServices.GetRequiredService<ITenantDirectory>();
            return TenantIds.IsTenantId(named) && await directory.ExistsAsync(named, context.HttpContext.RequestAborted)
                ? await next(context)
                : new NotFoundProblem(Unknown);
        });
}
