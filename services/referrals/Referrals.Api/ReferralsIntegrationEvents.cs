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
/// worklist), withdrawals (bookings follow their referral), new organisations (plans name them), new funding streams (plan actions
/// and bookings name them),
/// reads of client data (intake's access log) and erasure confirmations (intake's erasure status).
/// </summary>
public sealed class ReferralsIntegrationEvents : IIntegrationEventMap
{
    public async ValueTask<IReadOnlyList<object>> ToIntegrationEventsAsync(IEvent domainEvent, IQuerySession store, CancellationToken cancellationToken)
    {
        object? message = domainEvent.Data switch
        {
            Directory.OrganisationRegistered e => new Contracts.OrganisationRegistered(e.OrganisationId, e.Name, e.RegisteredAt),
            Funding.FundingStreamRegistered e => new Contracts.FundingStreamRegistered(e.Code, e.Name, e.Funder, e.StartsOn, e.EndsOn, e.RegisteredAt),
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

        var step = ReferralSteps.Of(domainEvent.Data);
        var activity = domainEvent.Data switch
        {
            ReferralSent e => ReferralActivity.Of(step!, e.ReferralId, e.ClientId, e.NeedId, e.ServiceName, e.OrganisationName, e.Office,
                e.ResponseDueAt, domainEvent),
            _ when step is not null && await store.LoadAsync<Referral>(domainEvent.StreamId, cancellationToken) is { } referral =>
                ReferralActivity.Of(step, referral.Id, referral.ClientId, referral.NeedId, referral.ServiceName, referral.OrganisationName,
                    referral.Office, referral.ResponseDueAt, domainEvent),
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
    /// <summary>
    /// The step with the referral's names and office: from the sent event itself, or from the stored
    /// referral for later steps (whose status is the step's, as later steps may be stored already).
    /// </summary>
    public static Contracts.ReferralActivity Of(ReferralStep step, Guid referralId, Guid clientId, Guid needId, string serviceName,
        string organisationName, string office, DateTimeOffset responseDueAt, IEvent domainEvent) =>
        new(referralId, clientId, step.Type, step.After is { } after ? VocabularyNames.Name(after) : "", IsOverdue: step.Type == "overdue",
            ReferralSteps.Summary(step.Type, step.Facts, organisationName), step.By, domainEvent.UserName, step.At, domainEvent.Sequence)
        {
            ServiceName = serviceName,
            OrganisationName = organisationName,
            Office = office,
            ResponseDueAt = responseDueAt,
            Facts = step.Facts,
            Note = step.Note,
            NeedId = needId,
        };
}
