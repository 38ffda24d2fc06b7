using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.Mediators.Bookings.ReleasingOrphanedHolds;
using Integration.Mediators.Demand;
using Integration.Mediators.Pool;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Mediators;

internal static class MediatorsStore
{
    public static void Configure(StoreOptions options)
    {
        MediatorEndpoints.Configure(options);
        BookingEndpoints.Configure(options);
        options.Schema.For<KnownFundingStream>();
        options.Projections.Add(new DemandProjection(options.DatabaseSchemaName), ProjectionLifecycle.Async);
    }

    /// <summary>
    /// Matching (travel buffer <c>Mediators:TravelBufferMinutes</c>, default 30, around in-person
    /// work), the demand report, and where the daemon runs the fill sweep and (with a database per tenant) the sweep of orphaned holds.
    /// </summary>
    public static WebApplicationBuilder AddMediators(this WebApplicationBuilder builder)
    {
        var settings = EventStoreSettings.From(builder.Configuration, MediatorsService.Name);
        var buffer = builder.Configuration.GetValue("Mediators:TravelBufferMinutes", 30);
        builder.Services.AddSingleton(new Matching(TimeSpan.FromMinutes(buffer)));
        builder.Services.AddSingleton(services => new DemandReport(services.GetRequiredService<TenantDatabases>(), settings.Schema));
        builder.Services.AddSingleton<FillSignal>();
        builder.Services.AddSingleton<FillSweep>();
        builder.Services.AddSingleton<OrphanedHoldSweep>();
        if (settings.RunDaemon)
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<FillSweep>());
            if (Tenancy.From(builder.Configuration).Storage == TenantStorage.DatabasePerTenant)
            {
                builder.Services.AddHostedService(services => services.GetRequiredService<OrphanedHoldSweep>());
            }
        }

        return builder;
    }
}
