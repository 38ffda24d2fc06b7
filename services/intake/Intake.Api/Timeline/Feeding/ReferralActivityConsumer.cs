using Integration.Eventing;
using Integration.Intake.Clients;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;

namespace Integration.Intake.Timeline.Feeding;

/// <summary>
/// Files every step of a client's referrals on the case's timeline (with the decline reason, notes,
/// outcome and who took it, by name) and keeps the referral's follow-up for the worklist. Idempotent
/// by message id; steps that arrive out of order are filed by their time and never roll the
/// follow-up back.
/// </summary>
internal sealed class ReferralActivityConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<ReferralEvents.ReferralActivity>(store, clock)
{
    public const string StepWithoutStatus = "";

    protected override async Task ApplyAsync(ReferralEvents.ReferralActivity message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (message.NeedId is { } needId)
        {
            // Whatever became of the referral, the need was not met at the desk (the statistics count those).
            session.Store(new Statistics.ReferredNeed(needId, message.ClientId));
        }

        if (await CaseFollowUps.OpenCaseAsync(session, message.ClientId, cancellationToken) is null)
        {
            return;
        }

        var details = new Dictionary<string, string>(message.Facts)
        {
            ["referral_id"] = message.ReferralId.ToString(),
            ["service_name"] = message.ServiceName,
            ["organisation_name"] = message.OrganisationName,
        };
        if (message.Note is { } note)
        {
            details["note"] = note;
        }

        session.Store(new TimelineEntry(DeterministicIds.From($"referral-activity:{message.ReferralId}:{message.Sequence}"), message.ClientId,
            message.At, TimelineEntry.Staff(message.By, message.ByName), "referrals", $"referral.{message.Step}", message.Summary, details));

        var current = await session.LoadAsync<ReferralFollowUp>(message.ReferralId, cancellationToken);
        if (current is not null && current.Sequence >= message.Sequence)
        {
            return;
        }

        var status = message.Status == StepWithoutStatus ? current?.Status ?? "sent" : message.Status;
        var overdue = message.Status == StepWithoutStatus ? current?.IsOverdue ?? false : message.IsOverdue;
        session.Store(new ReferralFollowUp(message.ReferralId, message.ClientId, status, overdue, message.ResponseDueAt, message.ServiceName,
            message.OrganisationName, message.Sequence));
    }
}
