using Integration.ServiceDefaults;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// Lists read in several tenants as one (<see cref="Tenancy.AllOfRequest"/>): a shared partner's inbox, a shared mediator's bookings.
/// </summary>
public static class MergedPages
{
    /// <summary>
    /// One page of a list read in several tenants (a store's tenant ids) as one: each tenant's first <c>page × pageSize</c> rows of
    /// <paramref name="ordered"/> (in a session of that tenant, its own database where it has one), merged by <paramref name="order"/> (the
    /// same order), the page cut from them and shown by <paramref name="show"/> in each row's own session; the total is the tenants'
    /// totals added. A page costs every tenant the rows up to it.
    /// </summary>
    public static async Task<ListPage<TView>> PageAsync<T, TView>(IDocumentStore store, IEnumerable<string> tenants, PageRequest request,
        Func<IQuerySession, Task<IQueryable<T>>> ordered, Comparison<T> order, Func<IQuerySession, IReadOnlyList<T>, Task<IReadOnlyList<TView>>> show,
        CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(show);
        var sessions = new List<IQuerySession>();
        try
        {
            var found = new List<(IQuerySession Session, T Row)>();
            long total = 0;
            foreach (var tenant in tenants)
            {
                var session = store.QuerySession(tenant);
                sessions.Add(session);
                var query = await ordered(session);
                total += await query.LongCountAsync(cancellationToken);
                found.AddRange((await query.Take(request.Skip + request.PageSize).ToListAsync(cancellationToken)).Select(row => (session, row)));
            }

            found.Sort((left, right) => order(left.Row, right.Row));
            var page = found.Skip(request.Skip).Take(request.PageSize).Select((item, position) => (item.Session, item.Row, Position: position)).ToList();
            var views = new TView[page.Count];
            foreach (var tenant in page.GroupBy(item => item.Session))
            {
                var shown = await show(tenant.Key, [.. tenant.Select(item => item.Row)]);
                foreach (var (item, view) in tenant.Zip(shown))
                {
                    views[item.Position] = view;
                }
            }

            return new ListPage<TView>(views, request.Page, request.PageSize, total);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Two ids in PostgreSQL's order of uuids (byte by byte), which .NET's own comparison of Guids is not.</summary>
    public static int CompareIds(Guid left, Guid right) =>
        left.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(right.ToByteArray(bigEndian: true));
}
