using Integration.Eventing;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Mediators.Bookings;

/// <summary>Keeps a copy of each funding stream referrals records, so a booking can name the stream that pays for it.</summary>
internal sealed class FundingStreamRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<ReferralEvents.FundingStreamRegistered>(store, clock)
{
    protected override Task ApplyAsync(ReferralEvents.FundingStreamRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(KnownFundingStream.Of(message.Code, message.Name, message.StartsOn, message.EndsOn));
        return Task.CompletedTask;
    }
}
