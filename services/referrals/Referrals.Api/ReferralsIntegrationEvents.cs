using Integration.Eventing;
using Integration.Referrals.Referrals;
using JasperFx.Events;
using Contracts = Integration.Referrals.Contracts;

namespace Integration.Referrals;

/// <summary>Which referrals events leave the service: what mediators needs to make bookings follow their referral.</summary>
public sealed class ReferralsIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ReferralWithdrawn e => new Contracts.ReferralWithdrawn(e.ReferralId, e.At),
        _ => null,
    };
}
