using Marten;

namespace Integration.Eventing;

/// <summary>
/// Keeps the service's copy of each tenant intake onboards (referrals and mediators register it; intake keeps its own in the onboarding's
/// transaction): its tokens are accepted and its deadlines swept once the copy is here. A copy arrives once and is never changed. Where each
/// tenant has a database of its own, the service's database for the tenant is provided first.
/// </summary>
public sealed class TenantOnboardedConsumer(IDocumentStore store, TimeProvider clock, TenantDatabases databases)
    : IdempotentConsumer<Intake.Contracts.TenantOnboarded>(store, clock)
{
    protected override async Task ApplyAsync(Intake.Contracts.TenantOnboarded message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        await databases.ProvideAsync(message.TenantId, cancellationToken);
        session.Store(new KnownTenant(message.TenantId, message.Name, message.TimeZone, message.DefaultLanguage, message.Offices));
    }
}
