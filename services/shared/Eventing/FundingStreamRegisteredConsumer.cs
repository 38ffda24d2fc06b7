using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Eventing;

/// <summary>
/// Keeps a copy of each funding stream referrals records (<see cref="KnownFundingStream"/>), in the tenant that recorded it, so that
/// intake's plan actions and mediators' bookings can name the stream that pays for them.
/// </summary>
public sealed class FundingStreamRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<ReferralEvents.FundingStreamRegistered>(store, clock)
{
    protected override Task ApplyAsync(ReferralEvents.FundingStreamRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        session.Store(KnownFundingStream.Of(message.Code, message.Name, message.StartsOn, message.EndsOn));
        return Task.CompletedTask;
    }
}
