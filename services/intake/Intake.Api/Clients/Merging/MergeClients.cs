using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Duplicates;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Merging;

/// <summary>
/// Body of <c>POST /clients/{id}/merge</c> and <c>/unmerge</c>: the other record of the same person, and why.
/// <c>If-Match</c> guards the record in the path; <see cref="DuplicateVersion"/>, when given, guards the other
/// (412 when it changed since it was compared).
/// </summary>
internal sealed record MergeClientsRequest(Guid? DuplicateId, string? Reason)
{
    public int? DuplicateVersion { get; init; }
}

/// <summary>
/// A merge (or an unmerge, which takes the same body) as parsed: the other record, the reason, and the
/// version of the other record when the caller gives one.
/// </summary>
internal sealed record MergeClients(Guid DuplicateId, string Reason, int? DuplicateVersion);

/// <summary>
/// <c>POST /clients/{id}/merge</c>: two records are one person; <c>id</c> survives. The survivor takes
/// the duplicate's names (as other names), needs, consents and legal status history, its plans and its
/// place in a household (<see cref="FollowingRecords"/>); the duplicate
/// answers as merged into it and is no longer found. Both streams change in one transaction, the
/// survivor under its <c>If-Match</c>, the duplicate at the version read, so of two merges of one
/// duplicate exactly one wins. Other services move what they hold of the duplicate when they hear
/// <see cref="Contracts.ClientsMerged"/>.
/// </summary>
internal static class MergingClients
{
    public static Parsed<MergeClients> Parse(MergeClientsRequest request)
    {
        var errors = new FieldErrors();
        if (request.DuplicateId is null || request.DuplicateId == Guid.Empty)
        {
            errors.Required("duplicateId");
        }

        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        if (request.DuplicateVersion is < 1)
        {
            errors.Add("duplicateVersion", "A version read from the record (1 or more).");
        }

        return errors.Any || (request.DuplicateId, reason) is not ({ } duplicateId, { } why)
            ? errors
            : new MergeClients(duplicateId, why, request.DuplicateVersion);
    }

    public static (ClientAbsorbed Absorbed, ClientMerged Merged) Decide(Client survivor, Client duplicate, MergeClients merge, string by, DateTimeOffset now)
    {
        Mergeable(survivor, duplicate);
        if (survivor.MergedInto is not null || duplicate.MergedInto is not null)
        {
            throw DomainRuleViolated.Conflict("already_merged", "One of the two records is already merged into another.");
        }

        var names = new[] { duplicate.GivenName, duplicate.FamilyName }.Concat(duplicate.OtherNames)
            .Select(name => name.Trim())
            .Where(name => name.Length > 0)
            .Where(name => !new[] { survivor.GivenName, survivor.FamilyName }.Concat(survivor.OtherNames).Contains(name, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var identity = new MergedIdentity(survivor.GivenName, survivor.FamilyName, [.. survivor.OtherNames, .. names], survivor.DateOfBirth,
            survivor.DateOfBirthIsApproximate, survivor.Sex, survivor.Nationalities);
        return (new ClientAbsorbed(survivor.Id, duplicate.Id, names, duplicate.Needs, duplicate.Consents, duplicate.LegalStatusHistory, identity,
                merge.Reason, by, now),
            new ClientMerged(duplicate.Id, survivor.Id, merge.Reason, by, now));
    }

    /// <summary>What merge and unmerge both refuse: a record with itself, and an erased record.</summary>
    public static void Mergeable(Client survivor, Client duplicate)
    {
        if (survivor.Id == duplicate.Id)
        {
            throw DomainRuleViolated.OnField("cannot_merge_self", "duplicateId", "A record cannot be merged with itself.");
        }

        if (survivor.Erasure is not null || duplicate.Erasure is not null)
        {
            throw new DomainRuleViolated("cannot_merge_erased", "An erased record cannot be merged or unmerged.", StatusCodes.Status422UnprocessableEntity);
        }
    }

    public static RouteHandlerBuilder MapMergeClients(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/merge", HandleAsync)
            .WithName("MergeClients")
            .RequireAuthorization(IntakeRoles.Duplicates);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid clientId, MergeClientsRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var merge, out var errors))
        {
            return errors.ToProblem();
        }

        var pairId = DuplicatePair.IdOf(clientId, merge.DuplicateId);
        var pair = await session.Events.FetchStreamStateAsync(pairId, cancellationToken);
        var following = await FollowingRecords.OfMergeAsync(session, merge.DuplicateId, cancellationToken);
        return await BothAsync(session, http, "MergeClients", clientId, merge, (survivor, duplicate) =>
        {
            var (absorbed, merged) = Decide(survivor, duplicate.Aggregate!, merge, http.Actor(), http.Now());
            var (survivorEvents, place) = following.Merge(survivor, duplicate, merged.MergedBy, merged.MergedAt);
            duplicate.AppendOne(merged);
            if (pair is not null)
            {
                // At the version read, so the pair's snapshot knows its version (events appended without one are numbered only by the database).
                session.Events.Append(pairId, pair.Version + 1, new DuplicatePairMerged(pairId, survivor.Id, merged.MergedBy, merged.MergedAt));
            }

            return [absorbed with { Household = place }, .. survivorEvents];
        }, cancellationToken);
    }

    /// <summary>
    /// Loads the duplicate for writing at the version read (412 when the request's <c>duplicateVersion</c> is
    /// another) and changes the survivor under its If-Match.
    /// Either record unknown to the caller (another office's, for a case worker) is a 404; a record with
    /// itself is refused before either is touched. Both records go on the access log as the change commits.
    /// </summary>
    internal static async Task<WriteResult<NoContent>> BothAsync(IDocumentSession session, HttpContext http, string endpoint, Guid survivorId,
        MergeClients merge, Func<Client, JasperFx.Events.IEventStream<Client>, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        var duplicateId = merge.DuplicateId;
        var survivor = await session.LoadAsync<Client>(survivorId, cancellationToken);
        if (survivor is null || !http.User.CanSee(survivor))
        {
            return OfficeScope.NotFound();
        }

        if (survivorId == duplicateId)
        {
            Mergeable(survivor, survivor);
        }

        var duplicate = await session.Events.FetchForWriting<Client>(duplicateId, cancellationToken);
        if (duplicate.Aggregate is null || !http.User.CanSee(duplicate.Aggregate))
        {
            return OfficeScope.NotFound();
        }

        if (merge.DuplicateVersion is { } expected && expected != duplicate.StartingVersion)
        {
            return StreamWrites.Stale(duplicate.StartingVersion ?? 0);
        }

        return await session.WriteAsync<Client>(http, survivorId, current =>
            {
                AccessLogging.Record(session, http.User, endpoint, [survivorId, duplicateId], http.Now());
                return decide(current, duplicate);
            }, cancellationToken);
    }
}
