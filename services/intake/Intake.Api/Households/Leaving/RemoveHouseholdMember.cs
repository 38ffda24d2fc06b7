using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Households.Leaving;

/// <summary><c>DELETE /households/{id}/members/{clientId}</c>: someone moved out; the head leaves only as the last member.</summary>
internal static class RemovingHouseholdMember
{
    public static HouseholdMemberRemoved Decide(Household household, Guid clientId, string by, DateTimeOffset now)
    {
        var member = household.Members.FirstOrDefault(member => member.ClientId == clientId)
            ?? throw new DomainRuleViolated(ProblemCodes.NotFound, "The client is not a member of this household.", StatusCodes.Status404NotFound);
        if (member.Relationship == Relationship.Head && household.Members.Count > 1)
        {
            throw DomainRuleViolated.Conflict("head_cannot_leave", "The head leaves the household last; remove the other members first.");
        }

        return new HouseholdMemberRemoved(household.Id, clientId, by, now);
    }

    public static RouteHandlerBuilder MapRemoveHouseholdMember(this IEndpointRouteBuilder households) =>
        households.MapDelete("/{householdId:guid}/members/{clientId:guid}", HandleAsync)
            .WithName("RemoveHouseholdMember")
            .RequireAuthorization(IntakeRoles.CaseStaff);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid householdId, Guid clientId, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!http.User.Admits(await session.LoadAsync<Household>(householdId, cancellationToken), out var refusal, out _))
        {
            return refusal;
        }

        var client = await session.Events.FetchForWriting<Client>(clientId, cancellationToken);
        return await session.WriteAsync<Household>(http, householdId, household =>
            {
                var removed = Decide(household, clientId, http.Actor(), http.Now());
                if (client.Aggregate?.HouseholdId == householdId)
                {
                    client.AppendOne(new HouseholdLeft(clientId, householdId, removed.RemovedBy, removed.RemovedAt));
                }

                return [removed];
            }, cancellationToken);
    }
}
