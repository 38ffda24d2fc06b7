using Integration.Eventing;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Tenants;

/// <summary>The service's copy of each tenant intake onboards: its tokens are accepted and its deadlines swept once the copy is here.</summary>
internal sealed class TenantOnboardedConsumer(IDocumentStore store, TimeProvider clock) : KnownTenantConsumer<IntakeEvents.TenantOnboarded>(store, clock)
{
    protected override KnownTenant Tenant(IntakeEvents.TenantOnboarded message) =>
        new(message.TenantId, message.Name, message.TimeZone, message.DefaultLanguage, message.Offices);
}
