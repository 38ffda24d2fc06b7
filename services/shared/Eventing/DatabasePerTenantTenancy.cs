using JasperFx;
using JasperFx.Descriptors;
using Marten;
using Marten.Schema;
using Marten.Storage;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Integration.Eventing;

/// <summary>
/// Marten's table of tenant databases (<see cref="MasterTableTenancy"/>), with the default tenant in it as a tenant like the others: the
/// service's own database, registered under Marten's default tenant id. Marten's own strategy has no default tenant (every session
/// must name one); here a session opened without a tenant, or for the default one, is the default tenant's as in the shared database
/// mode, so the rows of a deployment that started with one database stay where they are when it gives other tenants their own.
/// </summary>
internal sealed class DatabasePerTenantTenancy(MasterTableTenancy tenants) : ITenancy, ITenancyWithMasterDatabase, IAsyncDisposable
{
    private Tenant? defaultTenant;

    /// <summary>Marten's table of tenant databases, to which onboarding adds one.</summary>
    public MasterTableTenancy Tenants { get; } = tenants;

    public Tenant Default => defaultTenant ??= Tenants.GetTenant(StorageConstants.DefaultTenantId);

    public IDocumentCleaner Cleaner => Tenants.Cleaner;

    public DatabaseCardinality Cardinality => Tenants.Cardinality;

    public PostgresqlDatabase TenantDatabase => Tenants.TenantDatabase;

    public Tenant GetTenant(string tenantId) => tenantId == StorageConstants.DefaultTenantId ? Default : Tenants.GetTenant(tenantId);

    public ValueTask<Tenant> GetTenantAsync(string tenantId) => Tenants.GetTenantAsync(tenantId);

    public ValueTask<IMartenDatabase> FindOrCreateDatabase(string tenantIdOrDatabaseIdentifier) => Tenants.FindOrCreateDatabase(tenantIdOrDatabaseIdentifier);

    public ValueTask<IMartenDatabase> FindDatabase(DatabaseId id) => Tenants.FindDatabase(id);

    public bool IsTenantStoredInCurrentDatabase(IMartenDatabase database, string tenantId) => Tenants.IsTenantStoredInCurrentDatabase(database, tenantId);

    public ValueTask<IReadOnlyList<IDatabase>> BuildDatabases() => Tenants.BuildDatabases();

    public ValueTask<DatabaseUsage> DescribeDatabasesAsync(CancellationToken token) => Tenants.DescribeDatabasesAsync(token);

    public void Dispose() => Tenants.Dispose();

    public ValueTask DisposeAsync() => Tenants.DisposeAsync();
}
