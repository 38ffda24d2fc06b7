using System.Globalization;
using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients;
using Integration.Referrals.Referrals;
using JasperFx.Events;
using Marten;
using Contracts = Integration.Referrals.Contracts;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals;

/// <summary>
/// Which referrals events leave the service: every step of a referral (intake's timeline and
/// worklist), withdrawals (bookings follow their referral), new organisations (plans name them),
/// reads of client data (intake's access log) and erasure confirmations (intake's erasure status).
/// </summary>
public sealed class ReferralsIntegrationEvents : IIntegrationEventMap
{
    public async ValueTask<IReadOnlyList<object>> ToIntegrationEventsAsync(IEvent domainEvent, IQuerySession store, CancellationToken cancellationToken)
    {
        object? message = domainEvent.Data switch
        {
            Directory.OrganisationRegistered e => new Contracts.OrganisationRegistered(e.OrganisationId, e.Name, e.RegisteredAt),
            ClientDataShown e => new Contracts.ClientDataViewed(e.ClientId, e.By, e.Role, e.Organisation, e.Office, ReferralsService.Name, e.Endpoint, e.At)
            {
                ByName = domainEvent.UserName,
            },
            ClientReferenceErased e => new IntakeEvents.ClientErasureConfirmed(e.ClientId, ReferralsService.Name, e.RecordedAt),
            _ => null,
        };
        if (message is not null)
        {
            return [message];
        }

        var activity = domainEvent.Data switch
        {
            ReferralSent e => ReferralActivity.Sent(e, domainEvent),
            _ when ReferralActivity.IsStep(domainEvent.Data)
                && await store.LoadAsync<Referral>(domainEvent.StreamId, cancellationToken) is { } referral => ReferralActivity.Step(referral, domainEvent),
            _ => null,
        };
        // Mediators calls off a withdrawn referral's bookings from the older, narrower message.
        return domainEvent.Data is ReferralWithdrawn withdrawn
            ? [new Contracts.ReferralWithdrawn(withdrawn.ReferralId, withdrawn.At), .. activity is null ? [] : new object[] { activity }]
            : activity is null ? [] : [activity];
    }
}

/// <summary>Each step of the closed loop as <see cref="Contracts.ReferralActivity"/>: its status after, an English summary, its facts as values.</summary>
internal static class ReferralActivity
{
    private static readonly Type[] Steps =
    [
        typeof(ReferralAccepted), typeof(ReferralDeclined), typeof(ReferralWaitlisted), typeof(FirstContactRecorded), typeof(ReferralCompleted),
        typeof(NoShowRecorded), typeof(ReferralWithdrawn), typeof(ReferralRedirected), typeof(ReferralBecameOverdue), typeof(ReferralSuspended), typeof(ReferralUpdatePosted),
    ];

    public static bool IsStep(object data) => Steps.Contains(data?.GetType());

    public static Contracts.ReferralActivity Sent(ReferralSent e, IEvent domainEvent)
    {
        return new Contracts.ReferralActivity(e.ReferralId, e.ClientId, "sent", Name(ReferralStatus.Sent), IsOverdue: false,
            $"Sent to {e.ServiceName} ({e.OrganisationName}); answer due {e.ResponseDueAt:u}", e.SentBy, domainEvent.UserName, e.SentAt,
            domainEvent.Sequence)
        {
            ServiceName = e.ServiceName,
            OrganisationName = e.OrganisationName,
            Office = e.Office,
            ResponseDueAt = e.ResponseDueAt,
            Facts = Facts(("service_id", e.ServiceId.ToString()), ("service_name", e.ServiceName), ("organisation_id", e.OrganisationId.ToString()),
                ("organisation_name", e.OrganisationName), ("category", Name(e.Category)), ("urgency", Name(e.Urgency)),
                ("need_id", e.NeedId.ToString()), ("response_due_at", e.ResponseDueAt.ToString("O", CultureInfo.InvariantCulture)),
                ("redirected_from", e.RedirectedFrom?.ToString())),
            Note = e.Note,
        };
    }

    public static Contracts.ReferralActivity? Step(Referral referral, IEvent domainEvent)
    {
        var org = referral.OrganisationName;
        var (step, status, overdue, summary, by, at, facts, note) = domainEvent.Data switch
        {
            ReferralAccepted e => ("accepted", Name(ReferralStatus.Accepted), false, $"Accepted by {org}", e.By, e.At, Facts(), null),
            ReferralDeclined e => ("declined", Name(ReferralStatus.Declined), false, $"Declined by {org}: {Name(e.Reason)}", e.By, e.At,
                Facts(("reason", Name(e.Reason))), e.Note),
            ReferralWaitlisted e => ("waitlisted", Name(ReferralStatus.Waitlisted), false,
                e.EstimatedDate is { } date ? $"Waiting list at {org}; a place expected by {date:yyyy-MM-dd}" : $"Waiting list at {org}", e.By, e.At,
                Facts(("estimated_date", e.EstimatedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), null),
            FirstContactRecorded e => ("first_contact", Name(ReferralStatus.InContact), false, $"First contact with {org} on {e.ContactAt:u}", e.By, e.At,
                Facts(("contact_at", e.ContactAt.ToString("O", CultureInfo.InvariantCulture))), null),
            ReferralCompleted e => ("completed", Name(ReferralStatus.Completed), false, $"Completed by {org}: {Name(e.Outcome)}", e.By, e.At,
                Facts(("outcome", Name(e.Outcome))), e.Note),
            NoShowRecorded e => ("no_show", Name(ReferralStatus.NoShow), false, $"The client did not come to {org}", e.By, e.At, Facts(), null),
            ReferralWithdrawn e => ("withdrawn", Name(ReferralStatus.Withdrawn), false, $"Referral to {org} withdrawn", e.By, e.At, Facts(), e.Reason),
            ReferralRedirected e => ("redirected", Name(ReferralStatus.Redirected), false, $"Redirected from {org} to {e.ServiceName}", e.By, e.At,
                Facts(("new_referral_id", e.NewReferralId.ToString()), ("service_name", e.ServiceName)), e.Note),
            ReferralBecameOverdue e => ("overdue", Name(ReferralStatus.Sent), true, $"No answer from {org} by {e.DueAt:u}: overdue", Referral.System, e.At,
                Facts(("due_at", e.DueAt.ToString("O", CultureInfo.InvariantCulture))), null),
            ReferralSuspended e => ("suspended", Name(ReferralStatus.Suspended), false,
                $"Suspended: the consent to share with {org} ended", Referral.System, e.At, Facts(), null),
            ReferralUpdatePosted e => ("update_posted", "", false, $"Update from {e.OrganisationName ?? "the case worker"}", e.By, e.At,
                Facts(("update_id", e.UpdateId.ToString())), e.Text),
            _ => ((string?)null, "", false, "", "", default(DateTimeOffset), Facts(), (string?)null),
        };
        return step is null
            ? null
            : new Contracts.ReferralActivity(referral.Id, referral.ClientId, step, status, overdue, summary, by, domainEvent.UserName, at,
                domainEvent.Sequence)
            {
                ServiceName = referral.ServiceName,
                OrganisationName = org,
                Office = referral.Office,
                ResponseDueAt = referral.ResponseDueAt,
                Facts = facts,
                Note = note,
            };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => VocabularyNames.Name(value);

    private static Dictionary<string, string> Facts(params (string Name, string? Value)[] facts) =>
        facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Name, fact => fact.Value!);
}
