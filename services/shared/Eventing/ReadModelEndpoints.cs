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

/// <summary>
/// The GET-one and GET-list endpoints that every read model has, in the shape of docs/api.md. They
/// answer with a view of the stored record, never the record itself: what is stored can then change
/// (a matching index, merge bookkeeping) without changing the contract.
/// </summary>
public static class ReadModelEndpoints
{
    /// <summary><paramref name="canSee"/> limits which records the caller may read; the others answer 404 like unknown ones.</summary>
    public static RouteHandlerBuilder MapGetById<T, TView>(this IEndpointRouteBuilder group, string name, Func<T, TView> view,
        Func<ClaimsPrincipal, T, bool>? canSee = null)
        where T : class, IStreamReadModel =>
        group.MapGet("/{id:guid}", async Task<Results<Ok<TView>, NotFound>> (
            Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
        {
            var model = await session.LoadAsync<T>(id, cancellationToken);
            if (model is null || canSee?.Invoke(http.User, model) == false)
            {
                return TypedResults.NotFound();
            }

            http.Response.Headers.ETag = ETags.For(model.Version);
            return TypedResults.Ok(view(model));
        }).WithName(name);

    /// <summary><paramref name="scope"/> limits the list to the records the caller may read.</summary>
    public static RouteHandlerBuilder MapList<T, TView>(this IEndpointRouteBuilder group, string name, Func<IQueryable<T>, IQueryable<T>> order,
        Func<T, TView> view, Func<IQueryable<T>, ClaimsPrincipal, IQueryable<T>>? scope = null)
        where T : class, IStreamReadModel =>
        group.MapGet("/", async Task<Results<Ok<ListPage<TView>>, ValidationProblem>> (
            int? page, int? pageSize, IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
        {
            var errors = new FieldErrors();
            var request = PageRequest.Parse(page, pageSize, errors);
            if (errors.Any)
            {
                return errors.ToProblem();
            }

            var records = scope is null ? session.Query<T>() : scope(session.Query<T>(), http.User);
            var found = await order(records).ToPageAsync(request, cancellationToken);
            return TypedResults.Ok(new ListPage<TView>([.. found.Items.Select(view)], found.Page, found.PageSize, found.Total));
        }).WithName(name);
}
