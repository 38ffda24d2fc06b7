using Integration.Referrals.Clients;
using Integration.ServiceDefaults;
using Integration.Eventing;
using JasperFx.Events.Projections;
using Integration.Referrals.Referrals;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Consents;

/// <summary>
/// A client's consent as referrals knows it from intake's integration events: enough to decide
/// whether a referral to an organisation or service category may go ahead, and which data
/// categories a partner may see. One stream per consent.
/// </summary>
public sealed record ConsentReference(
    Guid Id,
    Guid ClientId,
    string Purpose,
    Guid? RecipientOrganisationId,
    string? RecipientServiceCategory,
    IReadOnlyList<string> DataCategories,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt,
    string Status,
    DateTimeOffset? EndedAt,
    int Version) : IStreamReadModel
{
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";

    public static ConsentReference Create(ConsentReferenceRecorded e)
    {
        return new(e.ConsentId, e.ClientId, e.Purpose, e.RecipientOrganisationId, e.RecipientServiceCategory, e.DataCategories,
            e.GivenAt, e.ExpiresAt, Active, null, Version: 1);
    }

    public ConsentReference Apply(ConsentReferenceEnded e) => this with { Status = e.Status, EndedAt = e.EndedAt };

    /// <summary>The client this consent was given for, while intake has that record merged into <see cref="ClientId"/>.</summary>
    public Guid? MergedFromClientId { get; init; }

    public ConsentReference Apply(Clients.Merging.ConsentReferenceMerged e) => this with { ClientId = e.ToClientId, MergedFromClientId = e.FromClientId };

    public ConsentReference Apply(Clients.Merging.ConsentReferenceUnmerged e) => this with { ClientId = e.ToClientId, MergedFromClientId = null };

    /// <summary>Only moves the version: a referral relying on the consent and the consent's end cannot pass each other.</summary>
    public ConsentReference Apply(ConsentReliedOn e) => this;

    /// <summary>Expired consent counts as absent even before intake's expiry event arrives.</summary>
    public bool IsActiveAt(DateTimeOffset now) => Status == Active && !(ExpiresAt <= now);
}

public sealed record ConsentReferenceRecorded(
    Guid ConsentId, Guid ClientId, string Purpose, Guid? RecipientOrganisationId, string? RecipientServiceCategory,
    IReadOnlyList<string> DataCategories, DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt, DateTimeOffset RecordedAt);

public sealed record ConsentReferenceEnded(Guid ConsentId, string Status, DateTimeOffset EndedAt, DateTimeOffset RecordedAt);

/// <summary>
/// A referral was sent on the strength of this consent. Appended with the consent's expected
/// version, so a referral and the consent's end commit one after the other: if the end came first
/// the referral is refused (409, and the gate then says <c>consent_required</c>); if the referral
/// came first the end is retried and suspends it.
/// </summary>
public sealed record ConsentReliedOn(Guid ConsentId, Guid ReferralId, DateTimeOffset At);

internal sealed class ConsentGivenConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ConsentGiven>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(IntakeEvents.ConsentGiven message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Events.StartStream<ConsentReference>(message.ConsentId, new ConsentReferenceRecorded(
            message.ConsentId, message.ClientId, message.Purpose, message.RecipientOrganisationId, message.RecipientServiceCategory,
            message.DataCategories, message.GivenAt, message.ExpiresAt, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}

internal sealed class ConsentWithdrawnConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ConsentWithdrawn>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(IntakeEvents.ConsentWithdrawn message, IDocumentSession session, CancellationToken cancellationToken) =>
        ConsentEnding.EndAsync(session, message.ConsentId, ConsentReference.Withdrawn, message.WithdrawnAt, clock.GetUtcNow(), cancellationToken);
}

internal sealed class ConsentExpiredConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<IntakeEvents.ConsentExpired>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(IntakeEvents.ConsentExpired message, IDocumentSession session, CancellationToken cancellationToken) =>
        ConsentEnding.EndAsync(session, message.ConsentId, ConsentReference.Expired, message.ExpiredAt, clock.GetUtcNow(), cancellationToken);
}

internal static class ConsentEnding
{
    /// <summary>
    /// Ends a consent once and suspends the open referrals it alone covered. An end that overtakes
    /// its consent (queues do not keep order between message types) throws, and MassTransit's retry
    /// brings it back after the consent has arrived. A referral answered meanwhile makes the save
    /// fail on its expected version; the retry then decides again on the new state.
    /// </summary>
    public static async Task EndAsync(IDocumentSession session, Guid consentId, string status, DateTimeOffset endedAt, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ConsentReference>(consentId, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw new InvalidOperationException($"Consent {consentId} is not known yet; the message is retried.");
        }

        if (stream.Aggregate.Status == ConsentReference.Active)
        {
            stream.AppendOne(new ConsentReferenceEnded(consentId, status, endedAt, now));
            await ConsentSuspension.SuspendUncoveredAsync(session, stream.Aggregate, now, cancellationToken);
        }
    }
}

internal static class ConsentReferences
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<ConsentReference>(SnapshotLifecycle.Inline);
        options.Schema.For<ConsentReference>().Index(consent => consent.ClientId);
    }
}
