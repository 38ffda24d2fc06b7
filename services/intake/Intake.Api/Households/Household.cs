using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Households;

/// <summary>How a member relates to the household's reference person (the <see cref="Head"/>).</summary>
public enum Relationship { Head, Spouse, Partner, Child, Parent, Sibling, Guardian, OtherRelative, Other }

public sealed record HouseholdMember(Guid ClientId, Relationship Relationship);

/// <summary>
/// People counted and helped together: a family, a couple, siblings. Every member is a client of
/// the household's office and belongs to no other household; the membership is recorded on the
/// household's stream and, in the same transaction, on each member's client stream
/// (<see cref="HouseholdJoined"/>), so "at most one household" is decided on the client's own version.
/// </summary>
public sealed record Household(Guid Id, string Office, IReadOnlyList<HouseholdMember> Members, int Version) : IStreamReadModel
{
    public static Household Create(HouseholdFormed e)
    {
        return new Household(e.HouseholdId, e.Office, e.Members, Version: 1);
    }

    public Household Apply(HouseholdMemberAdded e) => this with { Members = [.. Members, new HouseholdMember(e.ClientId, e.Relationship)] };

    public Household Apply(HouseholdMemberRemoved e) => this with { Members = [.. Members.Where(member => member.ClientId != e.ClientId)] };

    public Household Apply(HouseholdOfficeChanged e) => this with { Office = e.Office };

    public Household Apply(HouseholdMembersMerged e) => this with
    {
        Members = [.. Members.Where(member => member.ClientId != e.DuplicateId && member.ClientId != e.SurvivorId),
            new HouseholdMember(e.SurvivorId, e.SurvivorRelationship)],
    };

    public Household Apply(HouseholdMembersUnmerged e) => this with
    {
        Members = [.. Members.Where(member => member.ClientId != e.SurvivorId),
            .. e.SurvivorRelationship is { } relationship ? [new HouseholdMember(e.SurvivorId, relationship)] : Array.Empty<HouseholdMember>(),
            new HouseholdMember(e.DuplicateId, e.DuplicateRelationship)],
    };
}

// Domain events of the household stream. Marten stores their type names: never rename.

public sealed record HouseholdFormed(Guid HouseholdId, string Office, IReadOnlyList<HouseholdMember> Members, string FormedBy, DateTimeOffset FormedAt);

public sealed record HouseholdMemberAdded(Guid HouseholdId, Guid ClientId, Relationship Relationship, string AddedBy, DateTimeOffset AddedAt);

public sealed record HouseholdMemberRemoved(Guid HouseholdId, Guid ClientId, string RemovedBy, DateTimeOffset RemovedAt);

/// <summary>The household followed its reference person's case to another office.</summary>
public sealed record HouseholdOfficeChanged(Guid HouseholdId, string Office, DateTimeOffset ChangedAt);

/// <summary>
/// Two members' records were merged into one person: the duplicate's place is the survivor's, with
/// <see cref="SurvivorRelationship"/> (the duplicate's, or the head's place when either was the head).
/// </summary>
public sealed record HouseholdMembersMerged(Guid HouseholdId, Guid DuplicateId, Guid SurvivorId, Relationship SurvivorRelationship, DateTimeOffset At);

/// <summary>The merge was undone: the duplicate is back with its relationship; the survivor has its own again, or leaves when it had none.</summary>
public sealed record HouseholdMembersUnmerged(
    Guid HouseholdId, Guid DuplicateId, Relationship DuplicateRelationship, Guid SurvivorId, Relationship? SurvivorRelationship, DateTimeOffset At);

/// <summary>Office scoping of households, exactly as of clients (<see cref="OfficeScope"/>), and the rules their members follow.</summary>
internal static class HouseholdRules
{
    public const int MaxMembers = 30;

    public static bool Admits(this ClaimsPrincipal user, Household? household, [NotNullWhen(false)] out NotFoundProblem? refusal,
        [NotNullWhen(true)] out Household? admitted)
    {
        admitted = household is not null && user.WorksWithOffice(household.Office) ? household : null;
        refusal = admitted is null ? StreamWrites.NotFound("No household with this id.") : null;
        return admitted is not null;
    }

    /// <summary>
    /// Fetches a would-be member for writing: 404 for a client the caller cannot see, 410 once
    /// erased, 422 <c>other_office</c> for a client of another office than the household's, 409
    /// <c>already_in_household</c> for a member of any household.
    /// </summary>
    public static async Task<JasperFx.Events.IEventStream<Client>> JoinableMemberAsync(
        IDocumentSession session, ClaimsPrincipal user, Guid clientId, string office, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Client>(clientId, cancellationToken);
        var client = stream.Aggregate;
        if (client is null || !user.CanSee(client))
        {
            throw new DomainRuleViolated(ProblemCodes.NotFound, $"No client with id {clientId}.", StatusCodes.Status404NotFound,
                new Dictionary<string, object?> { ["clientId"] = clientId });
        }

        if (client.Erasure is not null)
        {
            throw new DomainRuleViolated(ProblemCodes.ClientErased, $"Client {clientId} was erased.", StatusCodes.Status410Gone,
                new Dictionary<string, object?> { ["clientId"] = clientId });
        }

        if (client.Office != office)
        {
            throw new DomainRuleViolated("other_office", $"Client {clientId} is registered at another office than the household.",
                extensions: new Dictionary<string, object?> { ["clientId"] = clientId, ["office"] = client.Office });
        }

        if (client.HouseholdId is { } householdId)
        {
            throw DomainRuleViolated.Conflict("already_in_household", $"Client {clientId} already belongs to a household.",
                new Dictionary<string, object?> { ["clientId"] = clientId, ["householdId"] = householdId });
        }

        return stream;
    }
}
