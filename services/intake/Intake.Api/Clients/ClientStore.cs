using Integration.Eventing;
using Integration.Intake.Clients.Consents;
using Integration.Intake.Clients.Matching;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Integration.Intake.Clients;

public static class ClientStore
{
    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Snapshot<Client>(SnapshotLifecycle.Inline);
        options.Projections.Add(new ClientIndexProjection(options.DatabaseSchemaName), ProjectionLifecycle.Inline);
        options.Projections.Add<ConsentDeadlineProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ConsentDeadline>().Duplicate(deadline => deadline.ExpiresAt);
        AccessLog.AccessLogging.Configure(options);
    }

    public static WebApplicationBuilder AddClients(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = EventStoreSettings.From(builder.Configuration, IntakeService.Name);
        var maxRankedMatches = builder.Configuration.GetValue("Search:MaxRankedMatches", ClientIndex.DefaultMaxRankedMatches);
        builder.Services.AddSingleton(services => new ClientIndex(services.GetRequiredService<NpgsqlDataSource>(), settings.Schema, maxRankedMatches));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IntakeRoles.Register, policy => policy.RequireRole("frontdesk", "caseworker"))
            .AddPolicy(IntakeRoles.ReadClients, policy => policy.RequireRole("frontdesk", "caseworker", "coordinator"))
            .AddPolicy(IntakeRoles.CaseWork, policy => policy.RequireRole("caseworker"))
            .AddPolicy(IntakeRoles.RecordConsent, policy => policy.RequireRole("frontdesk", "caseworker"))
            .AddPolicy(IntakeRoles.ReadHistory, policy => policy.RequireRole("caseworker", "coordinator"))
            .AddPolicy(IntakeRoles.ReadAccessLog, policy => policy.RequireRole("coordinator", "admin"))
            .AddPolicy(IntakeRoles.Export, policy => policy.RequireRole("coordinator", "admin"));
        Exporting.ServiceExports.Register(builder);
        if (settings.RunDaemon)
        {
            builder.Services.AddHostedService<ConsentExpirySweep>();
        }

        return builder;
    }
}

/// <summary>Who may do what in intake (api.md, "who"). Office scoping comes with the security work.</summary>
public static class IntakeRoles
{
    public const string Register = "intake.register";
    public const string ReadClients = "intake.read-clients";
    public const string CaseWork = "intake.case-work";
    public const string RecordConsent = "intake.record-consent";
    public const string ReadHistory = "intake.read-history";
    public const string ReadAccessLog = "intake.read-access-log";
    public const string Export = "intake.export";
}
