using Integration.Eventing;
using Integration.Referrals.Caseload;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Referrals.Referrals;

internal static class ReferralStore
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Referral>(SnapshotLifecycle.Inline);
        options.Schema.For<Referral>()
            .Duplicate(referral => referral.OrganisationId)
            .Duplicate(referral => referral.ClientId)
            .Duplicate(referral => referral.Status)
            .Duplicate(referral => referral.ResponseDueAt)
            .Duplicate(referral => referral.CreatedAt)
            // Partial: the caseload's overdue list reads only referrals still awaiting an answer.
            .Duplicate(referral => referral.IsOverdue, configure: index => index.Predicate = "status = 'Sent'");
        options.Projections.Add(new CaseloadProjection(options.DatabaseSchemaName), ProjectionLifecycle.Async);
    }

    public static WebApplicationBuilder AddReferrals(this WebApplicationBuilder builder)
    {
        var settings = EventStoreSettings.From(builder.Configuration, ReferralsService.Name);
        builder.Services.AddSingleton(services => new CaseloadReport(
            services.GetRequiredService<TenantDatabases>(), settings.Schema));
        builder.Services.AddSingleton<OverdueSweep>();
        if (settings.RunDaemon)
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<OverdueSweep>());
        }

        return builder;
    }
}

/// <summary>
/// Marks referrals nobody answered within the service's <c>responseHours</c> as overdue, so they
/// surface in the coordinator's caseload and the partner's inbox (<c>Referrals:OverdueSweepInterval</c>).
/// </summary>
public sealed class OverdueSweep(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<OverdueSweep> logger)
    : PeriodicSweep(store, clock, configuration.GetValue("Referrals:OverdueSweepInterval", TimeSpan.FromMinutes(1)), logger)
{
    private const int BatchSize = 200;

    protected override async Task SweepTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = Clock.GetUtcNow();
            IReadOnlyList<Guid> due;
            await using (var query = Store.QuerySession(tenant))
            {
                due = await query.Query<Referral>()
                    .Where(referral => referral.Status == ReferralStatus.Sent && !referral.IsOverdue && referral.ResponseDueAt <= now)
                    .OrderBy(referral => referral.ResponseDueAt).Select(referral => referral.Id).Take(BatchSize).ToListAsync(cancellationToken);
            }

            var marked = 0;
            using var acting = StartActing(due.Count);
            foreach (var id in due)
            {
                await using var session = Store.LightweightSession(tenant).Stamp();
                var stream = await session.Events.FetchForWriting<Referral>(id, cancellationToken);
                if (stream.Aggregate is not null && ReferralLifecycle.MarkOverdue(stream.Aggregate, now) is { } overdue)
                {
                    stream.AppendOne(overdue);
                    try
                    {
                        await session.SaveChangesAsync(cancellationToken);
                        marked++;
                    }
                    catch (ConcurrencyException)
                    {
                        // Answered at this very moment: the answer wins, and the next sweep re-checks.
                    }
                }
            }

            if (due.Count < BatchSize || marked == 0)
            {
                return;
            }
        }
    }
}
