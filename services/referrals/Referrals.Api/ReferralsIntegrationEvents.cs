using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Referrals;
using JasperFx.Events;
using Contracts = Integration.Referrals.Contracts;

namespace Integration.Referrals;

/// <summary>Which referrals events leave the service: withdrawals (bookings follow their referral) and reads of client data (intake's access log).</summary>
public sealed class ReferralsIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ReferralWithdrawn e => new Contracts.ReferralWithdrawn(e.ReferralId, e.At),
        ClientDataShown e => new Contracts.ClientDataViewed(e.ClientId, e.By, e.Role, e.Organisation, e.Office, ReferralsService.Name, e.Endpoint, e.At),
        _ => null,
    };
}
