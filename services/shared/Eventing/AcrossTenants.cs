using System.Runtime.CompilerServices;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// Another tenant's documents and events from a session of one tenant: Marten's <c>ForTenant</c> when both tenants' rows are in one
/// database (in the session's transaction), else a session of that tenant's own database
/// (<see cref="TenantStorage.DatabasePerTenant"/>). Such a session's changes are committed just before the session that staged them,
/// and when they fail (a stale version) nothing of either is saved; when they succeed and the staging session then fails, they stay.
/// Callers stage there what may stand alone: a claim (a mediator's reserved hour), a copy that makes a share known.
/// </summary>
public static class AcrossTenants
{
    private static readonly ConditionalWeakTable<IQuerySession, Dictionary<string, IQuerySession>> Opened = [];

    /// <summary>The other tenant's documents and events, as <paramref name="session"/> reads them.</summary>
    public static IQuerySession Query(IQuerySession session, string tenant)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.TenantId == tenant)
        {
            return session;
        }

        return SharesDatabase(session, tenant) ? session.ForTenant(tenant) : OpenedFor(session, tenant);
    }

    /// <summary>The other tenant's documents and events, as <paramref name="session"/> changes them: saved with it, as above.</summary>
    public static IDocumentOperations Operations(IDocumentSession session, string tenant)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.TenantId == tenant)
        {
            return session;
        }

        return SharesDatabase(session, tenant) ? session.ForTenant(tenant) : (IDocumentSession)OpenedFor(session, tenant);
    }

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

    private static bool SharesDatabase(IQuerySession session, string tenant) =>
        session.DocumentStore.Options.Tenancy.IsTenantStoredInCurrentDatabase(session.Database, tenant);

    /// <summary>
    /// The one session of <paramref name="tenant"/> that <paramref name="session"/> reads and changes it through: a lightweight session
    /// committed first when <paramref name="session"/> may change things, else a query session.
    /// </summary>
    private static IQuerySession OpenedFor(IQuerySession session, string tenant)
    {
        var opened = Opened.GetOrCreateValue(session);
        lock (opened)
        {
            if (!opened.TryGetValue(tenant, out var other))
            {
                if (session is IDocumentSession changing)
                {
                    var staged = session.DocumentStore.LightweightSession(tenant);
                    changing.Listeners.Add(new SavedFirst(staged));
                    other = staged;
                }
                else
                {
                    other = session.DocumentStore.QuerySession(tenant);
                }

                opened.Add(tenant, other);
            }

            return other;
        }
    }

    /// <summary>
    /// Commits the other tenant's session before the one it listens to. Its connection goes back to the pool when it commits (Marten
    /// holds one only for a transaction), so it lives as long as the session it belongs to, like that session's <c>ForTenant</c>.
    /// </summary>
    private sealed class SavedFirst(IDocumentSession other) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) => other.SaveChangesAsync(token);
    }
}
