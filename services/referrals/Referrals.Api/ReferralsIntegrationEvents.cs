using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients;
using Integration.Referrals.Referrals;
using JasperFx.Events;
using Contracts = Integration.Referrals.Contracts;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals;

/// <summary>
/// Which referrals events leave the service: withdrawals (bookings follow their referral), reads of
/// client data (intake's access log) and erasure confirmations (intake's erasure status).
/// </summary>
public sealed class ReferralsIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ReferralWithdrawn e => new Contracts.ReferralWithdrawn(e.ReferralId, e.At),
        ClientDataShown e => new Contracts.ClientDataViewed(e.ClientId, e.By, e.Role, e.Organisation, e.Office, ReferralsService.Name, e.Endpoint, e.At),
        ClientReferenceErased e => new IntakeEvents.ClientErasureConfirmed(e.ClientId, ReferralsService.Name, e.RecordedAt),
        _ => null,
    };
}
