using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Households.Forming;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Households.Joining;

/// <summary>A new member as parsed: the client and their relationship to the household's head.</summary>
internal sealed record AddHouseholdMember(HouseholdMember Member);

/// <summary><c>POST /households/{id}/members</c>: a newborn, a relative who arrived later, a family registered one person at a time.</summary>
internal static class AddingHouseholdMember
{
    public static Parsed<AddHouseholdMember> Parse(HouseholdMemberRequest request)
    {
        var errors = new FieldErrors();
        var member = FormingHousehold.ParseMember(errors, "", request);
        return errors.Any || member is not { } joining ? errors : new AddHouseholdMember(joining);
    }

    public static HouseholdMemberAdded Decide(Household household, Guid clientId, Relationship relationship, string by, DateTimeOffset now)
    {
        if (household.Members.Count >= HouseholdRules.MaxMembers)
        {
            throw DomainRuleViolated.Conflict("household_full", $"A household has at most {HouseholdRules.MaxMembers} members.");
        }

        if (relationship == Relationship.Head && household.Members.Any(member => member.Relationship == Relationship.Head))
        {
            throw DomainRuleViolated.Conflict("household_has_head", "The household already has a head.");
        }

        return new HouseholdMemberAdded(household.Id, clientId, relationship, by, now);
    }

    public static RouteHandlerBuilder MapAddHouseholdMember(this IEndpointRouteBuilder households) =>
        households.MapPost("/{householdId:guid}/members", HandleAsync)
            .WithName("AddHouseholdMember")
            .RequireAuthorization(IntakeRoles.CaseStaff);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid householdId, HouseholdMemberRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var addition, out var errors))
        {
            return errors.ToProblem();
        }

        if (!http.User.Admits(await session.LoadAsync<Household>(householdId, cancellationToken), out var refusal, out var current))
        {
            return refusal;
        }

        var client = await HouseholdRules.JoinableMemberAsync(session, http.User, addition.Member.ClientId, current.Office, cancellationToken);
        return await session.WriteAsync<Household>(http, householdId, household =>
            {
                var added = Decide(household, client.Id, addition.Member.Relationship, http.Actor(), http.Now());
                client.AppendOne(new HouseholdJoined(added.ClientId, householdId, added.Relationship, added.AddedBy, added.AddedAt));
                return [added];
            }, cancellationToken);
    }
}
