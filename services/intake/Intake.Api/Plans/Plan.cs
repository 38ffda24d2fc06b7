using Integration.Eventing;
using Integration.Intake.Clients;

namespace Integration.Intake.Plans;

/// <summary>draft → agreed → (reviewed …) → closed, or expired once its end date has passed; a change to an agreed plan is a new draft version.</summary>
public enum PlanStatus { Draft, Agreed, Closed, Expired }

public enum GoalProgress { NotStarted, InProgress, Achieved, NotAchieved, Dropped }

/// <summary>Who carries out an action: the person, the one-stop-shop's case worker, or a partner organisation.</summary>
public enum ResponsibleKind { Client, Caseworker, Organisation }

public sealed record Responsible(ResponsibleKind Kind, Guid? OrganisationId);

public sealed record PlanGoal(Guid GoalId, Guid? NeedId, NeedDomain Domain, string Description, string? Indicator)
{
    public GoalProgress Progress { get; init; } = GoalProgress.NotStarted;
    public string? ProgressNote { get; init; }
}

public sealed record PlanAction(Guid ActionId, Guid GoalId, string Description, Responsible Responsible, DateOnly DueOn)
{
    /// <summary>The code of the funding stream that pays for the action, when one does.</summary>
    public string? FundingStream { get; init; }

    public bool Done { get; init; }
    public DateOnly? DoneOn { get; init; }
    public string? DoneNote { get; init; }
}

public sealed record PlanAgreement(int PlanVersion, DateOnly AgreedOn, string Language, bool SignedByClient, bool SignedByCaseWorker, string? Note,
    string AgreedBy, DateTimeOffset RecordedAt);

public sealed record GoalReview(Guid GoalId, GoalProgress Progress, string? Note);

public sealed record PlanReview(int PlanVersion, DateOnly ReviewedOn, IReadOnlyList<GoalReview> Goals, DateOnly? NextReviewOn, string ReviewedBy,
    DateTimeOffset RecordedAt);

/// <summary>One version of the plan's content, as it was agreed (or left as a draft) before it was changed.</summary>
public sealed record PlanVersion(int Version, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions,
    PlanAgreement? Agreement);

public sealed record PlanClosure(CaseOutcome? Outcome, string? Note, DateTimeOffset At);

/// <summary>
/// An individual integration plan: the written agreement between the person and the one-stop-shop
/// (goals, actions, who does what by when), lasting at most 12 months. One stream per plan, folded
/// inline. <see cref="PlanVersionNumber"/> counts content versions (a change to an agreed plan makes
/// the next one); <see cref="Version"/> is the stream's version (the ETag).
/// </summary>
public sealed record Plan(
    Guid Id,
    Guid ClientId,
    PlanStatus Status,
    int PlanVersionNumber,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAction> Actions,
    PlanAgreement? Agreement,
    IReadOnlyList<PlanVersion> EarlierVersions,
    IReadOnlyList<PlanReview> Reviews,
    DateOnly? NextReviewOn,
    PlanClosure? Closure,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int Version) : IStreamReadModel
{
    public const int MaxMonths = 12;

    public bool IsOver => Status is PlanStatus.Closed or PlanStatus.Expired;

    public static Plan Create(PlanDrafted e)
    {
        return new Plan(e.PlanId, e.ClientId, PlanStatus.Draft, 1, e.StartsOn, e.EndsOn, e.Goals, e.Actions, Agreement: null, EarlierVersions: [],
            Reviews: [], NextReviewOn: null, Closure: null, e.DraftedBy, e.DraftedAt, Version: 1);
    }

    public Plan Apply(PlanRevised e) => (e.PlanVersion == PlanVersionNumber ? this : this with
    {
        EarlierVersions = [.. EarlierVersions, new PlanVersion(PlanVersionNumber, StartsOn, EndsOn, Goals, Actions, Agreement)],
    }) with
    {
        Status = PlanStatus.Draft,
        PlanVersionNumber = e.PlanVersion,
        StartsOn = e.StartsOn,
        EndsOn = e.EndsOn,
        Goals = [.. e.Goals.Select(goal => Goals.FirstOrDefault(old => old.GoalId == goal.GoalId) is { } old
            ? goal with { Progress = old.Progress, ProgressNote = old.ProgressNote } : goal)],
        Actions = [.. e.Actions.Select(action => Actions.FirstOrDefault(old => old.ActionId == action.ActionId) is { Done: true } old
            ? action with { Done = true, DoneOn = old.DoneOn, DoneNote = old.DoneNote } : action)],
        Agreement = null,
    };

    public Plan Apply(PlanAgreed e) => this with
    {
        Status = PlanStatus.Agreed,
        Agreement = new PlanAgreement(e.PlanVersion, e.AgreedOn, e.Language, e.SignedByClient, e.SignedByCaseWorker, e.Note, e.AgreedBy, e.AgreedAt),
        NextReviewOn = NextReviewOn ?? e.NextReviewOn,
    };

    public Plan Apply(PlanReviewed e) => this with
    {
        Goals = [.. Goals.Select(goal => e.Goals.FirstOrDefault(review => review.GoalId == goal.GoalId) is { } review
            ? goal with { Progress = review.Progress, ProgressNote = review.Note } : goal)],
        Reviews = [.. Reviews, new PlanReview(PlanVersionNumber, e.ReviewedOn, e.Goals, e.NextReviewOn, e.ReviewedBy, e.ReviewedAt)],
        NextReviewOn = e.NextReviewOn,
    };

    public Plan Apply(PlanActionDone e) => this with
    {
        Actions = [.. Actions.Select(action => action.ActionId == e.ActionId ? action with { Done = true, DoneOn = e.DoneOn, DoneNote = e.Note } : action)],
    };

    public Plan Apply(PlanClosed e) => this with { Status = PlanStatus.Closed, Closure = new PlanClosure(e.Outcome, e.Note, e.ClosedAt), NextReviewOn = null };

    public Plan Apply(PlanExpired e) => this with { Status = PlanStatus.Expired, Closure = new PlanClosure(null, null, e.ExpiredAt), NextReviewOn = null };

    public Plan Apply(PlanErased e) => Erase(this) with { ErasedAt = e.ErasedAt };

    /// <summary>The plan followed a merge to the survivor: this record was the duplicate's (last merge last), so an unmerge takes it back.</summary>
    public IReadOnlyList<Guid> MergedFrom { get; init; } = [];

    public Plan Apply(PlanFollowedMerge e) => this with { ClientId = e.ClientId, MergedFrom = [.. MergedFrom, e.DuplicateId] };

    public Plan Apply(PlanFollowedUnmerge e) => this with { ClientId = e.ClientId, MergedFrom = [.. MergedFrom.SkipLast(1)] };

    /// <summary>Set once the client was erased: the texts of the plan are masked.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    public PlanGoal? FindGoal(Guid goalId) => Goals.FirstOrDefault(goal => goal.GoalId == goalId);

    public PlanAction? FindAction(Guid actionId) => Actions.FirstOrDefault(action => action.ActionId == actionId);

    private static Plan Erase(Plan plan) => plan with
    {
        Goals = [.. plan.Goals.Select(PlanErasure.Mask)],
        Actions = [.. plan.Actions.Select(PlanErasure.Mask)],
        Agreement = plan.Agreement is { } agreement ? PlanErasure.Mask(agreement) : null,
        EarlierVersions = [.. plan.EarlierVersions.Select(version => version with
        {
            Goals = [.. version.Goals.Select(PlanErasure.Mask)],
            Actions = [.. version.Actions.Select(PlanErasure.Mask)],
            Agreement = version.Agreement is { } agreement ? PlanErasure.Mask(agreement) : null,
        })],
        Reviews = [.. plan.Reviews.Select(review => review with { Goals = [.. review.Goals.Select(goal => goal with { Note = PersonalDataMasking.Text(goal.Note) })] })],
        Closure = plan.Closure is { } closure ? closure with { Note = PersonalDataMasking.Text(closure.Note) } : null,
    };
}

// Domain events of the plan stream. Each carries the client's id, so the timeline can file it
// without a lookup. Marten stores their type names: never rename.

public sealed record PlanDrafted(Guid PlanId, Guid ClientId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAction> Actions, string DraftedBy, DateTimeOffset DraftedAt);

/// <summary>New content; <see cref="PlanVersion"/> is the next version when the plan had been agreed, else the same draft's.</summary>
public sealed record PlanRevised(Guid PlanId, Guid ClientId, int PlanVersion, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PlanGoal> Goals,
    IReadOnlyList<PlanAction> Actions, string RevisedBy, DateTimeOffset RevisedAt);

public sealed record PlanAgreed(Guid PlanId, Guid ClientId, int PlanVersion, DateOnly AgreedOn, string Language, bool SignedByClient,
    bool SignedByCaseWorker, string? Note, string AgreedBy, DateTimeOffset AgreedAt)
{
    /// <summary>The first review falls due three months after agreement unless a review sets another date.</summary>
    public DateOnly? NextReviewOn { get; init; }
}

public sealed record PlanReviewed(Guid PlanId, Guid ClientId, DateOnly ReviewedOn, IReadOnlyList<GoalReview> Goals, DateOnly? NextReviewOn,
    string ReviewedBy, DateTimeOffset ReviewedAt);

public sealed record PlanActionDone(Guid PlanId, Guid ClientId, Guid ActionId, DateOnly DoneOn, string? Note, string By, DateTimeOffset At);

public sealed record PlanClosed(Guid PlanId, Guid ClientId, CaseOutcome Outcome, string? Note, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>Appended by the expiry sweep once the end date has passed.</summary>
public sealed record PlanExpired(Guid PlanId, Guid ClientId, DateOnly EndsOn, DateTimeOffset ExpiredAt);

/// <summary>The plan's client was merged into <see cref="ClientId"/>: the plan is the survivor's now (appended in the merge's transaction).</summary>
public sealed record PlanFollowedMerge(Guid PlanId, Guid ClientId, Guid DuplicateId, DateTimeOffset At);

/// <summary>The merge was undone: the plan goes back to <see cref="ClientId"/>, the record it belonged to before.</summary>
public sealed record PlanFollowedUnmerge(Guid PlanId, Guid ClientId, Guid SurvivorId, DateTimeOffset At);

/// <summary>The client was erased; the plan's events were masked in the same transaction.</summary>
public sealed record PlanErased(Guid PlanId, Guid ClientId, DateTimeOffset ErasedAt);

/// <summary>What erasure leaves of a plan: domains, dates, statuses and progress (countable), none of the words.</summary>
internal static class PlanErasure
{
    public static PlanGoal Mask(PlanGoal goal)
    {
        return goal with
        {
            Description = PersonalDataMasking.Erased,
            Indicator = PersonalDataMasking.Text(goal.Indicator),
            ProgressNote = PersonalDataMasking.Text(goal.ProgressNote),
        };
    }

    public static PlanAction Mask(PlanAction action)
    {
        return action with { Description = PersonalDataMasking.Erased, DoneNote = PersonalDataMasking.Text(action.DoneNote) };
    }

    public static PlanAgreement Mask(PlanAgreement agreement)
    {
        return agreement with { Note = PersonalDataMasking.Text(agreement.Note) };
    }

    public static PersonalDataMasking AddPlanRules(this PersonalDataMasking masking)
    {
        return masking
            .Mask<PlanDrafted>(e => e with { Goals = [.. e.Goals.Select(Mask)], Actions = [.. e.Actions.Select(Mask)] })
            .Mask<PlanRevised>(e => e with { Goals = [.. e.Goals.Select(Mask)], Actions = [.. e.Actions.Select(Mask)] })
            .Mask<PlanAgreed>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
            .Mask<PlanReviewed>(e => e with { Goals = [.. e.Goals.Select(goal => goal with { Note = PersonalDataMasking.Text(goal.Note) })] })
            .Mask<PlanActionDone>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
            .Mask<PlanClosed>(e => e with { Note = PersonalDataMasking.Text(e.Note) });
    }
}
