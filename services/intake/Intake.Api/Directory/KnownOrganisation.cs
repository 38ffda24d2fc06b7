using Integration.Eventing;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Directory;

/// <summary>
/// A partner organisation of the directory (owned by referrals), as far as intake needs it: plans
/// name the organisation responsible for an action, and the printed agreement names it.
/// </summary>
public sealed record KnownOrganisation(Guid Id, string Name);

internal sealed class OrganisationRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<ReferralEvents.OrganisationRegistered>(store, clock)
{
    protected override Task ApplyAsync(ReferralEvents.OrganisationRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new KnownOrganisation(message.OrganisationId, message.Name));
        return Task.CompletedTask;
    }
}
