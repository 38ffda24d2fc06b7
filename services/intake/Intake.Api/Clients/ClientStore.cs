using Integration.Eventing;
using Integration.Intake.Clients.Consents;
using Integration.Intake.Clients.Matching;
using Integration.Intake.Offices;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Integration.Intake.Clients;

internal static class ClientStore
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Client>(SnapshotLifecycle.Inline);
        options.Projections.Add(new ClientIndexProjection(options.DatabaseSchemaName), ProjectionLifecycle.Inline);
        options.Projections.Add<ConsentDeadlineProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ConsentDeadline>().Duplicate(deadline => deadline.ExpiresAt).Duplicate(deadline => deadline.ClientId);
        AccessLog.AccessLogging.Configure(options);
        options.Projections.Snapshot<Households.Household>(SnapshotLifecycle.Inline);
        options.Projections.Snapshot<Duplicates.DuplicatePair>(SnapshotLifecycle.Inline);
        options.Schema.For<Directory.KnownOrganisation>();
        options.Schema.For<KnownFundingStream>();
        Notes.CaseNoteProjection.Configure(options);
        Plans.PlanEndpoints.Configure(options);
        Timeline.TimelineProjection.Configure(options);
        Timeline.Feeding.CaseFollowUps.Configure(options);
        options.Projections.Add(new Statistics.StatisticsProjection(options.DatabaseSchemaName), ProjectionLifecycle.Async);
        options.Schema.For<Statistics.ReferredNeed>();
        options.Projections.Add<Tenants.KnownTenantProjection>(ProjectionLifecycle.Inline);
    }

    public static WebApplicationBuilder AddClients(this WebApplicationBuilder builder)
    {
        var settings = EventStoreSettings.From(builder.Configuration, IntakeService.Name);
        var defaultTenants = ConfiguredOffices.From(builder.Configuration);
        builder.Services.AddScoped(services => ConfiguredOffices.OfRequest(services, defaultTenants));
        var maxRankedMatches = builder.Configuration.GetValue("Search:MaxRankedMatches", ClientIndex.DefaultMaxRankedMatches);
        builder.Services.AddSingleton(services => new ClientIndex(services.GetRequiredService<TenantDatabases>(), settings.Schema, maxRankedMatches));
        builder.Services.AddSingleton(services => new Worklist.WorklistQuery(services.GetRequiredService<TenantDatabases>(), settings.Schema));
        builder.Services.AddSingleton(services => new Statistics.Reading.StatisticsQuery(services.GetRequiredService<TenantDatabases>(), settings.Schema));
        builder.Services.AddSingleton<Duplicates.Sweeping.DuplicateSweep>();
        Exporting.ServiceExports.Register(builder);
        if (settings.RunDaemon)
        {
            builder.Services.AddHostedService<ConsentExpirySweep>();
            builder.Services.AddHostedService<Matching.MatchKeysRefresh>();
            builder.Services.AddHostedService(services => services.GetRequiredService<Duplicates.Sweeping.DuplicateSweep>());
            builder.Services.AddHostedService<Plans.Expiring.PlanExpirySweep>();
        }

        return builder;
    }
}

/// <summary>Intake's names for the role policies defined in <see cref="AccessPolicies"/>. Office scoping comes with the security work.</summary>
internal static class IntakeRoles
{
    public const string Register = AccessPolicies.IntakeRegister;
    public const string ReadClients = AccessPolicies.IntakeReadClients;
    public const string CaseWork = AccessPolicies.IntakeCaseWork;
    public const string RecordConsent = AccessPolicies.IntakeRecordConsent;
    public const string ReadHistory = AccessPolicies.IntakeReadHistory;
    public const string ReadAccessLog = AccessPolicies.IntakeReadAccessLog;
    public const string Export = AccessPolicies.ExportClientData;
    public const string Erase = AccessPolicies.IntakeErase;
    public const string CaseStaff = AccessPolicies.IntakeCaseStaff;
    public const string Duplicates = AccessPolicies.IntakeDuplicates;
    public const string Assign = AccessPolicies.IntakeAssign;
    public const string Transfer = AccessPolicies.IntakeTransfer;
    public const string Statistics = AccessPolicies.IntakeStatistics;
    public const string ManageTenants = AccessPolicies.IntakeManageTenants;
}
