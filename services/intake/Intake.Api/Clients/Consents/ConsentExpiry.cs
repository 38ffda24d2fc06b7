using Integration.Eventing;
using Integration.Intake.Vocabulary;
using JasperFx;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Clients.Consents;

/// <summary>A consent that will expire, kept until it does (or is withdrawn) so the sweep finds it by index.</summary>
public sealed record ConsentDeadline(Guid Id, Guid ClientId, DateTimeOffset ExpiresAt);

public sealed partial class ConsentDeadlineProjection : EventProjection
{
    public void Project(ConsentGiven e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        if (e.ExpiresAt is { } expiresAt)
        {
            operations.Store(new ConsentDeadline(e.ConsentId, e.ClientId, expiresAt));
        }
    }

    public void Project(ConsentWithdrawn e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<ConsentDeadline>(e.ConsentId);
    }

    public void Project(ConsentExpired e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.Delete<ConsentDeadline>(e.ConsentId);
    }

    /// <summary>An erased client's consents end with the client: nothing is appended to the stream after erasure.</summary>
    public void Project(ClientErased e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        operations.DeleteWhere<ConsentDeadline>(deadline => deadline.ClientId == e.ClientId);
    }
}

/// <summary>
/// Records <see cref="ConsentExpired"/> once a consent's expiry has passed, so that other services
/// hear of it through the relay. A timer on intake's own store (RabbitMQ here has no delayed
/// messages); it runs where the daemon runs, once per service, and survives restarts because the
/// deadlines are documents. Reads already treat an expired consent as absent before the sweep runs.
/// </summary>
public sealed class ConsentExpirySweep(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<ConsentExpirySweep> logger)
    : PeriodicSweep(clock, configuration.GetValue("Consents:ExpirySweepInterval", TimeSpan.FromMinutes(1)), logger)
{
    private const int BatchSize = 200;

    public override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<ConsentDeadline> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<ConsentDeadline>().Where(deadline => deadline.ExpiresAt <= now)
                .OrderBy(deadline => deadline.ExpiresAt).Take(BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var deadline in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Client>(deadline.ClientId, cancellationToken);
            if (stream.Aggregate?.FindConsent(deadline.Id) is { Status: ConsentStatus.Active } consent)
            {
                stream.AppendOne(new ConsentExpired(deadline.ClientId, consent.Id, deadline.ExpiresAt, now));
            }
            else
            {
                session.Delete<ConsentDeadline>(deadline.Id);
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // The client changed meanwhile; the deadline is still there for the next sweep.
            }
        }
    }
}
