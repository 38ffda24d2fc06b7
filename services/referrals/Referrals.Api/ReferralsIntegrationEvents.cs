using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients;
using Integration.Referrals.Referrals;
using Integration.ServiceDefaults;
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
            _ when ReferralSteps.Of(domainEvent.Data) is not null
                && await store.LoadAsync<Referral>(domainEvent.StreamId, cancellationToken) is { } referral => ReferralActivity.Step(referral, domainEvent),
            _ => null,
        };
        // Mediators calls off a withdrawn referral's bookings from the older, narrower message.
        return domainEvent.Data is ReferralWithdrawn withdrawn
            ? [new Contracts.ReferralWithdrawn(withdrawn.ReferralId, withdrawn.At), .. activity is null ? [] : new object[] { activity }]
            : activity is null ? [] : [activity];
    }
}

/// <summary>Each step of the closed loop (<see cref="ReferralSteps"/>) as <see cref="Contracts.ReferralActivity"/>, with its status after.</summary>
internal static class ReferralActivity
{
    public static Contracts.ReferralActivity Sent(ReferralSent e, IEvent domainEvent)
    {
        var step = ReferralSteps.Of(e)!;
        return new Contracts.ReferralActivity(e.ReferralId, e.ClientId, step.Type, VocabularyNames.Name(step.After!.Value), IsOverdue: false,
            ReferralSteps.Summary(step.Type, step.Facts, e.OrganisationName), step.By, domainEvent.UserName, step.At, domainEvent.Sequence)
        {
            ServiceName = e.ServiceName,
            OrganisationName = e.OrganisationName,
            Office = e.Office,
            ResponseDueAt = e.ResponseDueAt,
            Facts = step.Facts,
            Note = step.Note,
        };
    }

    /// <summary>A later step, with the status it leads to (later steps may be stored already); null for an event that is not a step.</summary>
    public static Contracts.ReferralActivity? Step(Referral referral, IEvent domainEvent)
    {
        if (domainEvent.Data is ReferralSent || ReferralSteps.Of(domainEvent.Data) is not { } step)
        {
            return null;
        }

        return new Contracts.ReferralActivity(referral.Id, referral.ClientId, step.Type, step.After is { } after ? VocabularyNames.Name(after) : "", IsOverdue: step.Type == "overdue",
            ReferralSteps.Summary(step.Type, step.Facts, referral.OrganisationName), step.By, domainEvent.UserName, step.At, domainEvent.Sequence)
        {
            ServiceName = referral.ServiceName,
            OrganisationName = referral.OrganisationName,
            Office = referral.Office,
            ResponseDueAt = referral.ResponseDueAt,
            Facts = step.Facts,
            Note = step.Note,
        };
    }
}
