using Integration.ServiceDefaults;
using Marten;
using Marten.Pagination;

namespace Integration.Eventing;

public static class MartenPaging
{
    /// <summary>One page of a Marten query, with the total, in the list shape of docs/api.md.</summary>
    public static async Task<ListPage<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken)
    {
        var results = await query.ToPagedListAsync(page.Page, page.PageSize, cancellationToken);
        return new ListPage<T>(results.ToList(), page.Page, page.PageSize, results.TotalItemCount);
    }
}
