using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Clients.Consents;

/// <summary>A consent that will expire, kept until it does (or is withdrawn) so the sweep finds it by index.</summary>
public sealed record ConsentDeadline(Guid Id, Guid ClientId, DateTimeOffset ExpiresAt);

public sealed partial class ConsentDeadlineProjection : EventProjection
{
    public void Project(ConsentGiven e, IDocumentOperations operations)
    {
        if (e.ExpiresAt is { } expiresAt)
        {
            operations.Store(new ConsentDeadline(e.ConsentId, e.ClientId, expiresAt));
        }
    }

    public void Project(ConsentWithdrawn e, IDocumentOperations operations)
    {
        operations.Delete<ConsentDeadline>(e.ConsentId);
    }

    public void Project(ConsentExpired e, IDocumentOperations operations)
    {
        operations.Delete<ConsentDeadline>(e.ConsentId);
    }

    /// <summary>An erased client's consents end with the client: nothing is appended to the stream after erasure.</summary>
    public void Project(ClientErased e, IDocumentOperations operations)
    {
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
    : DeadlineSweep<ConsentDeadline, Client>(store, clock, configuration.GetValue("Consents:ExpirySweepInterval", TimeSpan.FromMinutes(1)), logger)
{
    protected override IQueryable<ConsentDeadline> Due(IQueryable<ConsentDeadline> deadlines, DateTimeOffset now) =>
        deadlines.Where(deadline => deadline.ExpiresAt <= now).OrderBy(deadline => deadline.ExpiresAt);

    protected override Guid StreamOf(ConsentDeadline deadline) => deadline!.ClientId;

    protected override object? Expire(Client state, ConsentDeadline deadline, DateTimeOffset now) =>
        state!.FindConsent(deadline!.Id) is { Status: ConsentStatus.Active } consent
            ? new ConsentExpired(deadline.ClientId, consent.Id, deadline.ExpiresAt, now)
            : null;

    /// <summary>A consent that is not active any more needs no expiry; the client stream itself always outlives it.</summary>
    protected override bool StillRunning(Client state) => false;
}
