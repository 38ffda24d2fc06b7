using System.Collections.Concurrent;
using Integration.ServiceDefaults;
using JasperFx;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// A tenant as every service knows it: intake registers tenants (<c>POST /tenants</c>) and every service keeps this copy, in the
/// store's default tenant (the document is single-tenanted), to check tokens against and to sweep each tenant's deadlines.
/// </summary>
public sealed record KnownTenant(string Id, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices);

/// <summary>
/// The tenants a service's store knows: the default tenant and every <see cref="KnownTenant"/>. A tenant once known stays known (a
/// tenant is never deleted), so hits are kept in memory; a miss reads the store each time, so a tenant onboarded a moment ago is
/// known as soon as its copy arrives.
/// </summary>
public sealed class TenantDirectory(IDocumentStore store, Tenancy tenancy) : ITenantDirectory
{
    private readonly ConcurrentDictionary<string, KnownTenant> known = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string tenantId, CancellationToken cancellationToken) =>
        tenantId == tenancy.DefaultTenant || await FindAsync(tenantId, cancellationToken) is not null;

    /// <summary>A registered tenant (never the default one, which configuration describes), or null.</summary>
    public async ValueTask<KnownTenant?> FindAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(tenantId, out var tenant))
        {
            return tenant;
        }

        await using var session = store.QuerySession();
        if (await session.LoadAsync<KnownTenant>(tenantId, cancellationToken) is not { } found)
        {
            return null;
        }

        known.TryAdd(tenantId, found);
        return found;
    }

    /// <summary>A registered tenant already read (every token naming one was checked, so the request's tenant is), else null.</summary>
    public KnownTenant? Known(string tenantId) => known.GetValueOrDefault(tenantId);

    /// <summary>The store's tenant ids of every tenant: what a sweep goes through.</summary>
    public static async Task<IReadOnlyList<string>> StorageIdsAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var registered = await session.Query<KnownTenant>().Select(tenant => tenant.Id).ToListAsync(cancellationToken);
        return [StorageConstants.DefaultTenantId, .. registered.Order(StringComparer.Ordinal)];
    }
}
