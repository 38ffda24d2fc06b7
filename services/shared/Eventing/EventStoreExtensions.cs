using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Integration.ServiceDefaults;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Trace;
using Weasel.Core;

namespace Integration.Eventing;

public static class EventStoreExtensions
{
    /// <summary>
    /// Registers the service's Marten store: its own database (and schema) created or updated on
    /// start, System.Text.Json with enums as strings, lightweight sessions, a command log without
    /// parameter values (<see cref="RedactingMartenLogger"/>), a PostgreSQL <c>NOTIFY</c> on every append that wakes
    /// the daemon unless <c>EventStore:NotifyOnAppend</c> is false, the async daemon in
    /// <c>HotCold</c> mode when <c>EventStore:RunDaemon</c> is true (every worker replica may run it:
    /// one holds the lease, an advisory lock, and another takes over when it dies), a readiness check on PostgreSQL, and 503 with
    /// <c>Retry-After</c> for a request PostgreSQL went away under (<see cref="DatabaseUnavailableExceptionHandler"/>).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this WebApplicationBuilder builder, string serviceName, Action<StoreOptions> configure)
    {
        var settings = EventStoreSettings.From(builder.Configuration, serviceName);

        builder.Services.AddSingleton(_ => DataSourceBuilder(settings.ConnectionString).Build());
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<UnknownTenantExceptionHandler>();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddNpgsql().AddSource(PeriodicSweep.ActivitySourceName));
        builder.Services.AddSingleton<IConfigureMarten, RedactingMartenLogger>();
        builder.Services.AddHttpContextAccessor();
        var tenancy = Tenancy.From(builder.Configuration);
        builder.Services.AddSingleton(tenancy);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TenantDatabases>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<ITenantDirectory>(services => services.GetRequiredService<TenantDirectory>());

        var store = builder.Services.AddMarten(options =>
            {
                ApplyDefaults(options, settings.Schema);
                // Every append notifies the daemon (LISTEN/NOTIFY on one connection per store), so the relay publishes an
                // integration event within milliseconds instead of at the next idle poll (a second); polling stays as the safety net.
                options.Events.UseListenNotifyForEventAppends = settings.NotifyOnAppend;
                if (tenancy.Storage == TenantStorage.DatabasePerTenant)
                {
                    UseDatabasePerTenant(options, settings, tenancy, builder.Configuration);
                }

                configure(options);
            });
        if (tenancy.Storage == TenantStorage.Conjoined)
        {
            store.UseNpgsqlDataSource();
        }

        store.BuildSessionsWith<StaffSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(settings.RunDaemon ? DaemonMode.HotCold : DaemonMode.Disabled);

        // First of all hosted services, ahead of Marten's own migration (which Marten puts first too).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(services =>
            new EventTablesTenancyUpgrade(services.GetRequiredService<NpgsqlDataSource>(), settings.Schema)));
        return store;
    }

    /// <summary>
    /// How every connection pool of a service is built, its own database's and (with a database per tenant) each tenant's: a command
    /// outside any activity is background polling (the daemon, the sweeps' checks), so it gets no span, and a tracing backend does not
    /// fill with a root trace per poll. Work that acts runs in one (a request, a consumed message).
    /// </summary>
    private static NpgsqlDataSourceBuilder DataSourceBuilder(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null));
        return builder;
    }

    /// <summary>
    /// A database per tenant (<see cref="TenantDatabases"/>): the service's own database keeps the table of tenant databases and is the
    /// default tenant's; the tenants configuration names are registered at start, every other one when it is onboarded.
    /// </summary>
    private static void UseDatabasePerTenant(StoreOptions options, EventStoreSettings settings, Tenancy tenancy, IConfiguration configuration)
    {
        var configured = TenantDatabases.Configured(configuration).ToList();
        var credentials = new DatabaseCredentials([settings.ConnectionString, .. configured.Select(database => database.ConnectionString)]);
        options.DataSourceFactory(new Weasel.Postgresql.Connections.DefaultNpgsqlDataSourceFactory(
            connectionString => DataSourceBuilder(credentials.WithPassword(connectionString))));
        // The list of databases and every pool are given connection strings without a password, so the default tenant and the list share
        // one pool (the factory keeps one per connection string) and the password is added only when a pool is built.
        var serviceDatabase = DatabaseCredentials.WithoutPassword(settings.ConnectionString);
        options.MultiTenantedDatabasesWithMasterDatabaseTable(tenants =>
        {
            tenants.ConnectionString = serviceDatabase;
            tenants.SchemaName = settings.Schema;
            if (new NpgsqlConnectionStringBuilder(settings.ConnectionString).ApplicationName is { Length: > 0 } application)
            {
                tenants.ApplicationName = application;
            }

            tenants.RegisterDatabase(StorageConstants.DefaultTenantId, serviceDatabase);
            foreach (var (tenantId, connectionString) in configured.Where(database => tenancy.StorageIdOf(database.TenantId) != StorageConstants.DefaultTenantId))
            {
                tenants.RegisterDatabase(tenantId, DatabaseCredentials.WithoutPassword(connectionString));
            }
        });
        options.Tenancy = new DatabasePerTenantTenancy((MasterTableTenancy)options.Tenancy);
        options.Advanced.DefaultTenantUsageEnabled = true;
        // With several databases Marten takes each one's daemon lease under the lock id as it is (with one, it mixes in the schema):
        // services sharing a server's databases, or test classes sharing one, would otherwise wait for each other's lease.
        options.Projections.DaemonLockId = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"daemon:{settings.Schema}")));
    }

    /// <summary>The store settings every service shares; tools that write a service's store (the load driver) apply them too.</summary>
    public static void ApplyDefaults(StoreOptions options, string schema)
    {
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Policies.AllDocumentsAreMultiTenanted();
        options.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
        options.Schema.For<KnownTenant>().SingleTenanted();
        options.Schema.For<ProcessedMessage>();
        options.Schema.For<IdempotencyRecord>();
        // A standby worker asks for the daemon's lease this often (milliseconds): the failover time when the leader dies.
        options.Projections.LeadershipPollingTime = 2000;
    }
}

/// <summary>Where a service keeps its events, read from configuration.</summary>
public sealed record EventStoreSettings(string ConnectionString, string Schema, bool RunDaemon, bool NotifyOnAppend)
{
    public static EventStoreSettings From(IConfiguration configuration, string serviceName)
    {
        var connectionString = WithConnectionDefaults(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Run ./run.sh, or set ConnectionStrings__Postgres."));
        var schema = configuration["EventStore:Schema"] ?? serviceName;
        var runDaemon = configuration.GetValue("EventStore:RunDaemon", defaultValue: true);
        var notifyOnAppend = configuration.GetValue("EventStore:NotifyOnAppend", defaultValue: true);
        return new EventStoreSettings(connectionString, schema, runDaemon, notifyOnAppend);
    }

    /// <summary>
    /// The settings every process's connections get unless its connection string sets them:
    /// <list type="bullet">
    /// <item><c>Maximum Pool Size</c> <see cref="DefaultMaxPoolSize"/>: a process's requests, daemon, lease and listener share one
    /// pool, and with Npgsql's default of 100 per process three services after a burst held 69 of the server's 100 connections;</item>
    /// <item><c>Max Auto Prepare</c> <see cref="DefaultMaxAutoPrepare"/>: a statement run twice on a connection is prepared there, so
    /// PostgreSQL stops parsing and planning Marten's same few statements on every request;</item>
    /// <item><c>No Reset On Close</c>: a connection going back to the pool is not sent <c>DISCARD ALL</c>, a round trip per checkout
    /// (4.5 per booking) that also threw the prepared statements away. Nothing here leaves session state behind: settings are
    /// transaction-local (<c>set_config(…, true)</c>) and advisory locks are released explicitly.</item>
    /// </list>
    /// Together the last two took PostgreSQL's CPU per booking from 6.3 to 4.2 ms (docs/performance.md).
    /// Behind PgBouncer in transaction mode prepared statements need its <c>max_prepared_statements</c> (1.21 and later).
    /// </summary>
    public static string WithConnectionDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Sets(params string[] keywords) => keys.Any(key => keywords.Contains(key, StringComparer.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("MaximumPoolSize", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!Sets("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Sets("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public const int DefaultMaxPoolSize = 20;

    public const int DefaultMaxAutoPrepare = 64;
}
