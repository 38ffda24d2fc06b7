using Integration.Eventing;
using Integration.Intake.Households;
using Integration.ServiceDefaults;
using Integration.Intake.Plans;
using JasperFx.Events;
using Marten;

namespace Integration.Intake.Clients.Merging;

/// <summary>
/// Intake's records that belong to a client apart from its own stream, and follow a merge in the same
/// transaction: the duplicate's plans and its place in a household go to the survivor, and an unmerge
/// takes back exactly those. Notes and the timeline stay filed under the record they were written on;
/// the survivor's lists read its absorbed records too (<see cref="Reading.ClientRecords.CaseRecordIdsAsync"/>),
/// so they follow without being rewritten and go back by themselves.
/// </summary>
internal sealed class FollowingRecords
{
    private readonly IReadOnlyList<IEventStream<Plan>> plans;
    private readonly IEventStream<Household>? household;

    private FollowingRecords(IReadOnlyList<IEventStream<Plan>> plans, IEventStream<Household>? household)
    {
        this.plans = plans;
        this.household = household;
    }

    /// <summary>The duplicate's plans and household, fetched for writing at the versions read.</summary>
    public static async Task<FollowingRecords> OfMergeAsync(IDocumentSession session, Guid duplicateId, CancellationToken cancellationToken)
    {
        var planIds = await session.Query<Plan>().Where(plan => plan.ClientId == duplicateId).Select(plan => plan.Id).ToListAsync(cancellationToken);
        var duplicate = await session.LoadAsync<Client>(duplicateId, cancellationToken);
        return new FollowingRecords(await PlansAsync(session, planIds, cancellationToken),
            await HouseholdAsync(session, duplicate?.HouseholdId, cancellationToken));
    }

    /// <summary>The plans the survivor took from this duplicate (and kept since), and the household whose place it took.</summary>
    public static async Task<FollowingRecords> OfUnmergeAsync(IDocumentSession session, Guid survivorId, Guid duplicateId,
        CancellationToken cancellationToken)
    {
        var survivorPlans = await session.Query<Plan>().Where(plan => plan.ClientId == survivorId).ToListAsync(cancellationToken);
        var planIds = survivorPlans.Where(plan => plan.MergedFrom.Count > 0 && plan.MergedFrom[^1] == duplicateId).Select(plan => plan.Id).ToList();
        var survivor = await session.LoadAsync<Client>(survivorId, cancellationToken);
        var place = survivor?.Absorptions.FirstOrDefault(absorption => absorption.DuplicateId == duplicateId)?.Household;
        return new FollowingRecords(await PlansAsync(session, planIds, cancellationToken),
            await HouseholdAsync(session, place?.HouseholdId, cancellationToken));
    }

    /// <summary>
    /// Moves the plans and the household place to the survivor. Refused with nothing changed: both records
    /// in different households (409 <c>both_in_households</c>: the person belongs to one), or the duplicate's
    /// household at another office than a survivor outside it (422 <c>other_office</c>). Returns the
    /// survivor's own events and the place taken, which the unmerge needs.
    /// </summary>
    public (IReadOnlyList<object> SurvivorEvents, HouseholdPlace? Place) Merge(Client survivor, IEventStream<Client> duplicateStream, string by,
        DateTimeOffset at)
    {
        var duplicate = duplicateStream.Aggregate!;
        if (duplicate.HouseholdId != household?.Aggregate?.Id)
        {
            throw DomainRuleViolated.Conflict(ProblemCodes.VersionConflict, "The record changed while it was being merged; try again.");
        }

        foreach (var plan in plans)
        {
            plan.AppendOne(new PlanFollowedMerge(plan.Id, survivor.Id, duplicate.Id, at));
        }

        if (household?.Aggregate is not { } joined)
        {
            return ([], null);
        }

        if (survivor.HouseholdId is { } own && own != joined.Id)
        {
            throw DomainRuleViolated.Conflict("both_in_households",
                "Both records belong to a household, and not the same one; remove one of them from its household first.",
                new Dictionary<string, object?> { ["householdIds"] = new[] { own, joined.Id } });
        }

        if (survivor.HouseholdId is null && survivor.Office != joined.Office)
        {
            throw new DomainRuleViolated("other_office",
                "The duplicate belongs to a household of another office than the record that would take its place; keep the other record, or transfer first.",
                extensions: new Dictionary<string, object?> { ["householdId"] = joined.Id, ["office"] = joined.Office });
        }

        var duplicateRelationship = duplicate.HouseholdRelationship ?? Relationship.Other;
        var survivorRelationship = survivor.HouseholdRelationship;
        var taken = survivorRelationship is not { } kept ? duplicateRelationship
            : duplicateRelationship == Relationship.Head ? Relationship.Head : kept;
        household.AppendOne(new HouseholdMembersMerged(joined.Id, duplicate.Id, survivor.Id, taken, at));
        duplicateStream.AppendOne(new HouseholdLeft(duplicate.Id, joined.Id, by, at));
        var place = new HouseholdPlace(joined.Id, duplicateRelationship, survivorRelationship);
        return (taken == survivorRelationship ? [] : [new HouseholdJoined(survivor.Id, joined.Id, taken, by, at)], place);
    }

    /// <summary>
    /// Gives back the plans and the household place. The household place comes back only while the survivor
    /// is still in that household and the duplicate could join it (same office): when the case has moved on,
    /// the household is left as it is.
    /// </summary>
    public IReadOnlyList<object> Unmerge(Client survivor, IEventStream<Client> duplicateStream, HouseholdPlace? place, string by, DateTimeOffset at)
    {
        var duplicate = duplicateStream.Aggregate!;
        foreach (var plan in plans)
        {
            plan.AppendOne(new PlanFollowedUnmerge(plan.Id, duplicate.Id, survivor.Id, at));
        }

        if (place is null || household?.Aggregate is not { } shared || survivor.HouseholdId != shared.Id || duplicate.HouseholdId is not null
            || duplicate.Office != shared.Office)
        {
            return [];
        }

        household.AppendOne(new HouseholdMembersUnmerged(shared.Id, duplicate.Id, place.DuplicateRelationship, survivor.Id, place.SurvivorRelationship, at));
        duplicateStream.AppendOne(new HouseholdJoined(duplicate.Id, shared.Id, place.DuplicateRelationship, by, at));
        return place.SurvivorRelationship switch
        {
            null => [new HouseholdLeft(survivor.Id, shared.Id, by, at)],
            { } own when own != survivor.HouseholdRelationship => [new HouseholdJoined(survivor.Id, shared.Id, own, by, at)],
            _ => [],
        };
    }

    private static async Task<IReadOnlyList<IEventStream<Plan>>> PlansAsync(IDocumentSession session, IReadOnlyList<Guid> planIds,
        CancellationToken cancellationToken)
    {
        var streams = new List<IEventStream<Plan>>(planIds.Count);
        foreach (var planId in planIds)
        {
            streams.Add(await session.Events.FetchForWriting<Plan>(planId, cancellationToken));
        }

        return streams;
    }

    private static async Task<IEventStream<Household>?> HouseholdAsync(IDocumentSession session, Guid? householdId, CancellationToken cancellationToken) =>
        householdId is { } id ? await session.Events.FetchForWriting<Household>(id, cancellationToken) : null;
}
