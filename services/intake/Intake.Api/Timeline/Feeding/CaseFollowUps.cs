using Integration.Intake.Clients;
using Marten;

namespace Integration.Intake.Timeline.Feeding;

/// <summary>
/// A referral of a client as intake follows it from referrals' activity: enough for the worklist to
/// surface the ones waiting past their answer time. <see cref="Sequence"/> is the latest step applied,
/// so a step delivered late never overwrites a newer one.
/// </summary>
public sealed record ReferralFollowUp(
    Guid Id, Guid ClientId, string Status, bool IsOverdue, DateTimeOffset ResponseDueAt, string ServiceName, string OrganisationName, long Sequence);

/// <summary>A mediator booking of a client as intake follows it: the worklist shows the unfilled ones still to come.</summary>
public sealed record BookingFollowUp(Guid Id, Guid ClientId, string Status, string Language, DateTimeOffset Start, long Sequence);

internal static class CaseFollowUps
{
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<ReferralFollowUp>().Duplicate(followUp => followUp.ClientId).Duplicate(followUp => followUp.IsOverdue);
        options.Schema.For<BookingFollowUp>().Duplicate(followUp => followUp.ClientId).Duplicate(followUp => followUp.Status)
            .Duplicate(followUp => followUp.Start);
    }

    /// <summary>
    /// The client a step belongs to, when its case may still be written to; null for an erased (or
    /// unknown) client, whose steps are dropped: nothing of theirs is kept after erasure.
    /// </summary>
    public static async Task<Client?> OpenCaseAsync(IDocumentSession session, Guid clientId, CancellationToken cancellationToken)
    {
        return await session.LoadAsync<Client>(clientId, cancellationToken) is { Erasure: null } client ? client : null;
    }
}
