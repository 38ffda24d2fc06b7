using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Offices;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Households.Forming;

internal sealed record HouseholdMemberRequest(Guid? ClientId, Relationship? Relationship);

/// <summary>Body of <c>POST /households</c>: the office (the caller's by default) and the members, exactly one of them the head.</summary>
internal sealed record FormHouseholdRequest(string? Office, IReadOnlyList<HouseholdMemberRequest?>? Members);

/// <summary>A household as parsed: the office it is formed at and its members, exactly one of them the head.</summary>
internal sealed record FormHousehold(string Office, IReadOnlyList<HouseholdMember> Members);

public sealed record HouseholdCreated(Guid HouseholdId);

internal static class FormingHousehold
{
    public static Parsed<FormHousehold> Parse(FormHouseholdRequest request, string? callerOffice, bool seesAllOffices, ConfiguredOffices offices)
    {
        var errors = new FieldErrors();
        var office = ClientValidation.Office(errors, request.Office, callerOffice, seesAllOffices, offices, "form households");

        if (request.Members is not { Count: > 0 } members)
        {
            errors.Add("members", "A household has at least one member.");
            return errors;
        }

        if (members.Count > HouseholdRules.MaxMembers)
        {
            errors.Add("members", $"At most {HouseholdRules.MaxMembers} members.");
        }

        var parsedMembers = new List<HouseholdMember>();
        for (var i = 0; i < members.Count; i++)
        {
            if (ParseMember(errors, $"members[{i}].", members[i]) is { } member)
            {
                parsedMembers.Add(member);
            }
        }

        if (members.Count(member => member?.Relationship == Relationship.Head) != 1)
        {
            errors.Add("members", "Exactly one member is the head (the household's reference person).");
        }

        if (members.Select(member => member?.ClientId).OfType<Guid>().GroupBy(clientId => clientId).Any(group => group.Count() > 1))
        {
            errors.Add("members", "Each client may appear once.");
        }

        return errors.Any || office is not { } at ? errors : new FormHousehold(at, parsedMembers);
    }

    /// <returns>The member when both the client and the relationship are there.</returns>
    public static HouseholdMember? ParseMember(FieldErrors errors, string prefix, HouseholdMemberRequest? member)
    {
        var clientId = errors.Require($"{prefix}clientId", member?.ClientId);
        var relationship = errors.Require($"{prefix}relationship", member?.Relationship,
            "This field is required (head, spouse, partner, child, parent, sibling, guardian, other_relative, other).");
        return (clientId, relationship) is ({ } client, { } role) ? new HouseholdMember(client, role) : null;
    }

    public static RouteHandlerBuilder MapFormHousehold(this IEndpointRouteBuilder households) =>
        households.MapPost("/", HandleAsync)
            .WithName("FormHousehold")
            .RequireAuthorization(IntakeRoles.CaseStaff);

    /// <summary>A member the caller cannot see is a 404, thrown by <see cref="HouseholdRules"/> as the members are fetched; the type documents it.</summary>
    private static async Task<Results<CreateResult<HouseholdCreated>, NotFoundProblem>> HandleAsync(FormHouseholdRequest request, IDocumentSession session, ConfiguredOffices offices, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request, http.User.Office(), http.User.SeesAllOffices(), offices).TryGet(out var household, out var errors))
        {
            return (CreateResult<HouseholdCreated>)errors.ToProblem();
        }

        return await session.StartAsync<Household, HouseholdCreated>(http, "FormHousehold", request, async (_, householdId) =>
            {
                foreach (var member in household.Members)
                {
                    var client = await HouseholdRules.JoinableMemberAsync(session, http.User, member.ClientId, household.Office, cancellationToken);
                    client.AppendOne(new HouseholdJoined(member.ClientId, householdId, member.Relationship, http.Actor(), http.Now()));
                }

                return [new HouseholdFormed(householdId, household.Office, household.Members, http.Actor(), http.Now())];
            },
            householdId => $"/households/{householdId}", householdId => new HouseholdCreated(householdId), cancellationToken);
    }
}
