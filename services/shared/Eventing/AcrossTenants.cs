using System.Runtime.CompilerServices;
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
