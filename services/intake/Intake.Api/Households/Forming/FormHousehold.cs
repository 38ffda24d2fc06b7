using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Households.Forming;

internal sealed record HouseholdMemberRequest(Guid? ClientId, Relationship? Relationship);

/// <summary>Body of <c>POST /households</c>: the office (the caller's by default) and the members, exactly one of them the head.</summary>
internal sealed record FormHouseholdRequest(string? Office, IReadOnlyList<HouseholdMemberRequest?>? Members);

public sealed record HouseholdCreated(Guid HouseholdId);

internal static class FormingHousehold
{
    public static FieldErrors Validate(FormHouseholdRequest request, string? callerOffice, bool seesAllOffices)
    {
        var errors = new FieldErrors();
        ClientValidation.Office(errors, request.Office, callerOffice, seesAllOffices, "form households");

        if (request.Members is not { Count: > 0 } members)
        {
            errors.Add("members", "A household has at least one member.");
            return errors;
        }

        if (members.Count > HouseholdRules.MaxMembers)
        {
            errors.Add("members", $"At most {HouseholdRules.MaxMembers} members.");
        }

        for (var i = 0; i < members.Count; i++)
        {
            ValidateMember(errors, $"members[{i}].", members[i]);
        }

        if (members.Count(member => member?.Relationship == Relationship.Head) != 1)
        {
            errors.Add("members", "Exactly one member is the head (the household's reference person).");
        }

        if (members.Where(member => member?.ClientId is not null).GroupBy(member => member!.ClientId).Any(group => group.Count() > 1))
        {
            errors.Add("members", "Each client may appear once.");
        }

        return errors;
    }

    public static void ValidateMember(FieldErrors errors, string prefix, HouseholdMemberRequest? member)
    {
        if (member?.ClientId is null)
        {
            errors.Required($"{prefix}clientId");
        }

        if (member?.Relationship is null)
        {
            errors.Required($"{prefix}relationship", "This field is required (head, spouse, partner, child, parent, sibling, guardian, other_relative, other).");
        }
    }

    public static RouteHandlerBuilder MapFormHousehold(this IEndpointRouteBuilder households) =>
        households.MapPost("/", HandleAsync)
            .WithName("FormHousehold")
            .RequireAuthorization(IntakeRoles.CaseStaff)
            .ProducesAdd<HouseholdCreated>(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(FormHouseholdRequest request, IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request, http.User.Office(), http.User.SeesAllOffices());
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var office = request.Office?.Trim() ?? http.User.Office()!;
        var members = request.Members!.Select(member => new HouseholdMember(member!.ClientId!.Value, member.Relationship!.Value)).ToList();
        return await session.StartAsync<Household>(http, "FormHousehold", request, async (_, householdId) =>
            {
                foreach (var member in members)
                {
                    var client = await HouseholdRules.JoinableMemberAsync(session, http.User, member.ClientId, office, cancellationToken);
                    client.AppendOne(new HouseholdJoined(member.ClientId, householdId, member.Relationship, http.Actor(), http.Now()));
                }

                return [new HouseholdFormed(householdId, office, members, http.Actor(), http.Now())];
            },
            householdId => $"/households/{householdId}", householdId => new HouseholdCreated(householdId), cancellationToken);
    }
}
