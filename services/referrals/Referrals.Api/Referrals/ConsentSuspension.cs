using Integration.Referrals.Consents;
using Marten;

namespace Integration.Referrals.Referrals;

/// <summary>
/// When a consent ends, the open referrals that no other active consent covers are suspended in
/// the same transaction: the partner loses the client's details at once and cannot act on them,
/// while the referral stays countable in the caseload.
/// </summary>
internal static class ConsentSuspension
{
    public static async Task SuspendUncoveredAsync(IDocumentSession session, ConsentReference ended, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var open = ReferralLifecycle.OpenStatuses.ToArray();
        var referrals = await session.Query<Referral>()
            .Where(referral => referral.ClientId == ended.ClientId && open.Contains(referral.Status))
            .ToListAsync(cancellationToken);
        if (referrals.Count == 0)
        {
            return;
        }

        var remaining = (await ConsentCoverage.ForClientsAsync(session, [ended.ClientId], cancellationToken))
            .Where(consent => consent.Id != ended.Id)
            .ToList();
        foreach (var referral in referrals)
        {
            if (ConsentCoverage.Covering(remaining, referral.OrganisationId, referral.Category, now).Count > 0)
            {
                continue;
            }

            var stream = await session.Events.FetchForWriting<Referral>(referral.Id, referral.Version, cancellationToken);
            if (ReferralLifecycle.Suspend(stream.Aggregate!, ended.Id, now) is { } suspended)
            {
                stream.AppendOne(suspended);
            }
        }
    }
}
