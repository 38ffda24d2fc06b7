using Integration.Eventing;
using Integration.Intake.Clients.Matching;
using Integration.Intake.Clients.Merging;
using Integration.Intake.Clients.Registering;
using Integration.Intake.Duplicates;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Unmerging;

/// <summary>
/// <c>POST /clients/{id}/unmerge</c>: the merge was wrong. The survivor gives back exactly what it took
/// from the duplicate (names, needs, consents, legal status history, plans, household place), the duplicate's needs and consents
/// return in the state the case left them, and the duplicate is found again. The pair is recorded as
/// "not the same", so the sweep does not bring it back. Other services move back what they moved when
/// they hear <see cref="Contracts.ClientsUnmerged"/>.
/// </summary>
internal static class UnmergingClients
{
    public static (ClientSplitOff SplitOff, ClientUnmerged Unmerged) Decide(Client survivor, Client duplicate, MergeClients unmerge, string by,
        DateTimeOffset now)
    {
        MergingClients.Mergeable(survivor, duplicate);
        var absorbed = survivor.Absorptions.FirstOrDefault(absorption => absorption.DuplicateId == duplicate.Id);
        if (duplicate.MergedInto != survivor.Id || absorbed is null)
        {
            throw DomainRuleViolated.Conflict("not_merged", "These two records are not merged into one another.");
        }

        if (survivor.MergedInto is { } top)
        {
            // What the duplicate brought has moved on with the survivor: undo that merge first, so it comes back here.
            throw DomainRuleViolated.Conflict("client_merged", $"This record is itself merged into client {top}; unmerge it from that one first.",
                new Dictionary<string, object?> { ["mergedInto"] = top });
        }

        var identity = new MergedIdentity(survivor.GivenName, survivor.FamilyName, [.. survivor.OtherNames.Where(name => !absorbed.OtherNames.Contains(name))],
            survivor.DateOfBirth, survivor.DateOfBirthIsApproximate, survivor.Sex, survivor.Nationalities);
        return (new ClientSplitOff(survivor.Id, duplicate.Id, identity, unmerge.Reason, by, now),
            new ClientUnmerged(duplicate.Id, survivor.Id, [.. survivor.Needs.Where(need => absorbed.NeedIds.Contains(need.Id))],
                [.. survivor.Consents.Where(consent => absorbed.ConsentIds.Contains(consent.Id))], unmerge.Reason, by, now));
    }

    public static RouteHandlerBuilder MapUnmergeClients(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/unmerge", HandleAsync)
            .WithName("UnmergeClients")
            .RequireAuthorization(IntakeRoles.Duplicates);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid clientId, MergeClientsRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!MergingClients.Parse(request).TryGet(out var unmerge, out var errors))
        {
            return errors.ToProblem();
        }

        var pairId = DuplicatePair.IdOf(clientId, unmerge.DuplicateId);
        var pair = await session.Events.FetchStreamStateAsync(pairId, cancellationToken);
        var following = await FollowingRecords.OfUnmergeAsync(session, clientId, unmerge.DuplicateId, cancellationToken);
        return await MergingClients.BothAsync(session, http, "UnmergeClients", clientId, unmerge, (survivor, duplicate) =>
        {
            var place = survivor.Absorptions.FirstOrDefault(absorption => absorption.DuplicateId == duplicate.Id)?.Household;
            var (splitOff, unmerged) = Decide(survivor, duplicate.Aggregate!, unmerge, http.Actor(), http.Now());
            duplicate.AppendOne(unmerged);
            var survivorEvents = following.Unmerge(survivor, duplicate, place, unmerged.UnmergedBy, unmerged.UnmergedAt);
            var dismissed = new DuplicatePairDismissed(pairId, unmerged.Reason, unmerged.UnmergedBy, unmerged.UnmergedAt);
            if (pair is not null)
            {
                session.Events.Append(pairId, pair.Version + 1, dismissed);
            }
            else
            {
                var score = DuplicateScorer.Score(survivor.ToMatchSubject(), duplicate.Aggregate!.ToMatchSubject());
                var found = new FoundDuplicate(survivor.Id, score.Score, score.MatchedOn, survivor.GivenName, survivor.FamilyName,
                    survivor.DateOfBirth, survivor.Office);
                session.Events.StartStream<DuplicatePair>(pairId,
                    DuplicatePair.Flag(survivor.Id, survivor.Office, duplicate.Id, duplicate.Aggregate.Office, found, DuplicateSource.Sweep, unmerged.UnmergedAt),
                    dismissed);
            }

            return [splitOff, .. survivorEvents];
        }, cancellationToken);
    }
}
