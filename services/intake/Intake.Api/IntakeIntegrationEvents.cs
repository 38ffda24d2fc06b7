using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Plans;
using JasperFx.Events;
using Marten;
using Contracts = Integration.Intake.Contracts;

namespace Integration.Intake;

/// <summary>Which intake events leave the service, and in what shape: only what other services need.</summary>
public sealed class IntakeIntegrationEvents : IIntegrationEventMap
{
    public async ValueTask<IReadOnlyList<object>> ToIntegrationEventsAsync(IEvent domainEvent, IQuerySession store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(store);
        return domainEvent.Data switch
        {
            PlanReviewed review when !review.Goals.Any(goal => goal.Progress == GoalProgress.Achieved) => [],
            PlanReviewed or Plans.PlanActionDone => await FundedPlanStepsAsync(domainEvent, store, cancellationToken),
            _ => ToIntegrationEvent(domainEvent) is { } message ? [message] : [],
        };
    }

    public object? ToIntegrationEvent(IEvent domainEvent) => domainEvent?.Data switch
    {
        ClientRegistered e => new Contracts.ClientRegistered(e.ClientId, e.GivenName, e.FamilyName, e.DateOfBirth, e.RegisteredAt)
        {
            Office = e.Office,
            Languages = Languages(e.Languages),
            PreferredLanguage = e.PreferredLanguage,
            InterpreterRequired = e.InterpreterRequired,
            Municipality = e.Address?.Municipality,
            Phone = e.Phone,
            Email = e.Email,
            LegalStatusCategory = e.LegalStatus is { } status ? Name(status.Category) : null,
            LegalStatusValidUntil = e.LegalStatus?.ValidUntil,
            Sex = Name(e.Sex),
            Nationalities = e.Nationalities,
        },
        ContactChanged e => new Contracts.ClientContactChanged(e.ClientId, e.Address?.Municipality, e.ChangedAt) { Phone = e.Phone, Email = e.Email },
        LegalStatusChanged e => new Contracts.ClientLegalStatusChanged(e.ClientId, Name(e.LegalStatus.Category), e.LegalStatus.ValidUntil, e.ChangedAt),
        LanguagesChanged e => new Contracts.ClientLanguagesChanged(e.ClientId, Languages(e.Languages), e.PreferredLanguage,
            e.InterpreterRequired, e.ChangedAt),
        ConsentGiven e => new Contracts.ConsentGiven(e.ClientId, e.ConsentId, Name(e.Purpose), e.RecipientOrganisationId,
            e.RecipientServiceCategory is { } category ? Name(category) : null, [.. e.DataCategories.Select(Name)], e.GivenAt, e.ExpiresAt),
        ConsentWithdrawn e => new Contracts.ConsentWithdrawn(e.ClientId, e.ConsentId, e.WithdrawnAt),
        ConsentExpired e => new Contracts.ConsentExpired(e.ClientId, e.ConsentId, e.ExpiresAt),
        NeedAdded e => new Contracts.NeedAdded(e.ClientId, e.NeedId, Name(e.Domain), Name(e.Priority), e.Description, e.AddedAt),
        NeedReprioritised e => new Contracts.NeedReprioritised(e.ClientId, e.NeedId, Name(e.Priority), e.ChangedAt),
        NeedResolved e => new Contracts.NeedResolved(e.ClientId, e.NeedId, Name(e.Outcome), e.ResolvedAt),
        CaseClosed e => new Contracts.CaseClosed(e.ClientId, Name(e.Outcome), e.ClosedAt),
        CaseReopened e => new Contracts.CaseReopened(e.ClientId, e.ReopenedAt),
        ClientErased e => new Contracts.ClientErased(e.ClientId, e.ErasedAt),
        IdentityCorrected e => new Contracts.ClientIdentityCorrected(e.ClientId, e.GivenName, e.FamilyName, e.DateOfBirth, e.CorrectedAt)
        {
            Sex = Name(e.Sex),
            Nationalities = e.Nationalities,
        },
        CaseTransferred e => new Contracts.ClientTransferred(e.ClientId, e.FromOffice, e.ToOffice, e.TransferredAt),
        ClientAbsorbed e => new Contracts.ClientsMerged(e.ClientId, e.DuplicateId, [.. e.Needs.Select(need => need.Id)],
            [.. e.Consents.Select(consent => consent.Id)], e.MergedAt),
        ClientSplitOff e => new Contracts.ClientsUnmerged(e.ClientId, e.DuplicateId, e.UnmergedAt),
        Tenants.TenantOnboarded e => new Contracts.TenantOnboarded(e.TenantId, e.Name, e.TimeZone, e.DefaultLanguage, e.Offices, e.OnboardedAt),
        _ => null,
    };

    /// <summary>
    /// What a plan step did for the funding streams that pay for it: a goal achieved counts for the streams of its actions, an action
    /// done for its own. The plan is read as it stood at the step (its stream folded up to the event's version), so a later revision
    /// changes nothing already published. A review that finds no goal achieved is not read at all.
    /// </summary>
    private static async Task<IReadOnlyList<object>> FundedPlanStepsAsync(IEvent step, IQuerySession store, CancellationToken cancellationToken)
    {
        if (await store.Events.AggregateStreamAsync<Plan>(step.StreamId, step.Version, token: cancellationToken) is not { } plan)
        {
            return [];
        }

        return step.Data switch
        {
            PlanReviewed e =>
            [
                .. e.Goals.Where(review => review.Progress == GoalProgress.Achieved)
                    .Select(review => (review.GoalId, Streams: plan.Actions.Where(action => action.GoalId == review.GoalId)
                        .Select(action => action.FundingStream).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
                    .Where(goal => goal.Streams.Count > 0)
                    .Select(goal => new Contracts.PlanGoalAchieved(e.ClientId, e.PlanId, goal.GoalId, goal.Streams, e.ReviewedOn, e.ReviewedAt)),
            ],
            Plans.PlanActionDone e when plan.Actions.FirstOrDefault(action => action.ActionId == e.ActionId)?.FundingStream is { } stream =>
                [new Contracts.PlanActionDone(e.ClientId, e.PlanId, e.ActionId, stream, e.DoneOn, e.At)],
            _ => [],
        };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => VocabularyNames.Name(value);

    private static IReadOnlyList<Contracts.LanguageSkill> Languages(IReadOnlyList<LanguageSkill> languages) =>
        [.. languages.Select(language => new Contracts.LanguageSkill(language.Code, Name(language.Proficiency)))];
}
