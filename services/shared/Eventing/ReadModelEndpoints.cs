using System.Security.Claims;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integration.Eventing;

/// <summary>A read model folded from one stream: its id is the stream id, its version the stream version.</summary>
public interface IStreamReadModel
{
    Guid Id { get; }

    int Version { get; }
}

/// <summary>The GET-one and GET-list endpoints that every read model has, in the shape of docs/api.md.</summary>
public static class ReadModelEndpoints
{
    /// <summary><paramref name="canSee"/> limits which records the caller may read; the others answer 404 like unknown ones.</summary>
    public static RouteHandlerBuilder MapGetById<T>(this IEndpointRouteBuilder group, string name, Func<ClaimsPrincipal, T, bool>? canSee = null)
        where T : class, IStreamReadModel =>
        group.MapGet("/{id:guid}", async Task<Results<Ok<T>, NotFound>> (
            Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
        {
            var model = await session.LoadAsync<T>(id, cancellationToken);
            if (model is null || canSee?.Invoke(http.User, model) == false)
            {
                return TypedResults.NotFound();
            }

            http.Response.Headers.ETag = ETags.For(model.Version);
            return TypedResults.Ok(model);
        }).WithName(name);

    /// <summary><paramref name="scope"/> limits the list to the records the caller may read.</summary>
    public static RouteHandlerBuilder MapList<T>(this IEndpointRouteBuilder group, string name, Func<IQueryable<T>, IQueryable<T>> order,
        Func<IQueryable<T>, ClaimsPrincipal, IQueryable<T>>? scope = null)
        where T : class, IStreamReadModel =>
        group.MapGet("/", async Task<Results<Ok<ListPage<T>>, ValidationProblem>> (
            int? page, int? pageSize, IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
        {
            var errors = new FieldErrors();
            var request = PageRequest.Parse(page, pageSize, errors);
            if (errors.Any)
            {
                return errors.ToProblem();
            }

            var records = scope is null ? session.Query<T>() : scope(session.Query<T>(), http.User);
            return TypedResults.Ok(await order(records).ToPageAsync(request, cancellationToken));
        }).WithName(name);
}
