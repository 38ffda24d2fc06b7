using System.Globalization;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Weasel.Postgresql;

namespace Integration.Eventing;

/// <summary>Where a deployment keeps its tenants' rows (<c>Tenancy:Storage</c>).</summary>
public enum TenantStorage
{
    /// <summary>One database for every tenant, each row labelled with its tenant: shared hosting.</summary>
    Conjoined,

    /// <summary>
    /// A database of its own for every tenant but the default one, which stays in the service's database (where the list of tenant
    /// databases lives too): for a city that requires its data apart. The tables are the same in both modes.
    /// </summary>
    DatabasePerTenant,
}

/// <summary>
/// The database each tenant's rows live in. Marten's sessions find it themselves (a session opened for a tenant goes to its database);
/// this is for the service's own SQL (the client index, the counters behind the reports) and for onboarding, which provides a new
/// tenant's database before anything is written there.
/// <para>
/// With <see cref="TenantStorage.DatabasePerTenant"/>, a tenant's database is the one <c>Tenancy:Databases:{tenantId}</c> names (a
/// connection string: a server of the city's own, provisioned by its operators), else one beside the service's database on the same
/// server, named after both (<c>integration_intake</c> → <c>integration_intake_val_susa</c>) and created at onboarding. Either is
/// recorded, without its password (<see cref="DatabaseCredentials"/>), in the store's <c>mt_tenant_databases</c> table, which every replica reads.
/// </para>
/// </summary>
public sealed class TenantDatabases(IDocumentStore? store, NpgsqlDataSource serviceDatabase, Tenancy tenancy, EventStoreSettings settings,
    IConfiguration configuration)
{
    /// <summary>Every tenant in one database, read outside a service (the load driver re-keying a store it seeded).</summary>
    public static TenantDatabases Conjoined(NpgsqlDataSource database, string schema) =>
        new(store: null, database, new Tenancy("default"), new EventStoreSettings(database.ConnectionString, schema, RunDaemon: false, NotifyOnAppend: false),
            new ConfigurationBuilder().Build());

    private IDocumentStore Store => store ?? throw new InvalidOperationException("Tenants with databases of their own need the service's store.");

    /// <summary>The data source of the database a tenant's rows are in (a store's tenant id).</summary>
    public async ValueTask<NpgsqlDataSource> ForAsync(string storageId)
    {
        if (tenancy.Storage == TenantStorage.Conjoined || storageId == JasperFx.StorageConstants.DefaultTenantId)
        {
            return serviceDatabase;
        }

        var tenant = await Store.Options.Tenancy.GetTenantAsync(storageId);
        return ((PostgresqlDatabase)tenant.Database).DataSource;
    }

    /// <summary>
    /// Makes sure a tenant's database exists and the store knows it, with every table the service keeps; nothing to do when all tenants
    /// share one database. Safe to repeat, and safe when another service or replica provides the same database at the same moment.
    /// </summary>
    public async Task ProvideAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (tenancy.Storage == TenantStorage.Conjoined || tenancy.StorageIdOf(tenantId) == JasperFx.StorageConstants.DefaultTenantId)
        {
            return;
        }

        var connectionString = ConfiguredConnection(configuration, tenantId);
        if (connectionString is null)
        {
            connectionString = DerivedConnection(settings.ConnectionString, tenantId);
            await CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!, cancellationToken);
        }

        await ((DatabasePerTenantTenancy)Store.Options.Tenancy).Tenants.AddDatabaseRecordAsync(tenantId, DatabaseCredentials.WithoutPassword(connectionString));

        // Every table now, not as Marten first touches each: the service's own SQL reads some before any session writes there. The
        // daemon finds the database as soon as it is listed and creates its event tables meanwhile; whichever of the two creates an
        // object second fails on it, so a try that met the other's objects is repeated, and finds them there.
        var database = await Store.Storage.FindOrCreateDatabase(tenantId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await database.ApplyAllConfiguredChangesToDatabaseAsync(ct: cancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < 5 && CreatedMeanwhile(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>The connection string configuration gives a tenant's database (<c>Tenancy:Databases:{tenantId}</c>), or null.</summary>
    private static string? ConfiguredConnection(IConfiguration configuration, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[$"{Tenancy.Section}:Databases:{tenantId}"] is { Length: > 0 } configured
            ? EventStoreSettings.WithConnectionDefaults(configured)
            : null;
    }

    /// <summary>The tenants configuration gives a database of its own to, with its connection string.</summary>
    public static IEnumerable<(string TenantId, string ConnectionString)> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection($"{Tenancy.Section}:Databases").GetChildren()
            .Where(entry => entry.Value is { Length: > 0 })
            .Select(entry => (entry.Key, EventStoreSettings.WithConnectionDefaults(entry.Value!)));
    }

    /// <summary>The database beside the service's on the same server: its name followed by the tenant id (with '_' for '-').</summary>
    private static string DerivedConnection(string serviceConnectionString, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var builder = new NpgsqlConnectionStringBuilder(serviceConnectionString);
        builder.Database = string.Create(CultureInfo.InvariantCulture, $"{builder.Database}_{tenantId.Replace('-', '_')}");
        return builder.ConnectionString;
    }

    /// <summary>An object another connection created a moment before this one tried: a type, table, object or schema already there.</summary>
    private static bool CreatedMeanwhile(Exception exception) =>
        ExceptionChain.Has(exception, current => current is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation
            or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateSchema });

    private async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var exists = serviceDatabase.CreateCommand("select 1 from pg_catalog.pg_database where datname = $1");
        exists.Parameters.Add(new NpgsqlParameter { Value = name });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        // The name is the service database's and a tenant id (lower-case letters, digits, '_'), so it needs no quoting beyond this.
        await using var create = serviceDatabase.CreateCommand($"create database \"{name}\"");
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another service or replica created it a moment ago.
        }
    }
}
