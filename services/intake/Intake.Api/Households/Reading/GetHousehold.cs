using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Households.Reading;

/// <summary>A member as the household view shows them: who, how related, how old, what makes them vulnerable, how many needs are open.</summary>
internal sealed record HouseholdMemberView(
    Guid ClientId, string DisplayName, Relationship Relationship, int Age, bool DateOfBirthIsApproximate,
    IReadOnlyList<Vulnerability> Vulnerabilities, int OpenNeeds)
{
    /// <summary>The day a minor turns 18, when that is within <see cref="HouseholdView.AgeingOutDays"/> days.</summary>
    public DateOnly? TurnsEighteenOn { get; init; }
}

/// <summary>
/// <c>GET /households/{id}</c>. <c>flags</c>: <c>minor_without_guardian</c> when a member under 18
/// has no adult head, spouse, partner, parent or guardian in the household; <c>ageing_out</c> when a
/// member turns 18 within 90 days (a transition where people fall through).
/// </summary>
internal sealed record HouseholdView(Guid HouseholdId, string Office, IReadOnlyList<HouseholdMemberView> Members, IReadOnlyList<string> Flags, int Version)
{
    public const int AdultAge = 18;
    public const int AgeingOutDays = 90;
    public const string MinorWithoutGuardian = "minor_without_guardian";
    public const string AgeingOut = "ageing_out";

    private static readonly HashSet<Relationship> CaringRelationships =
        [Relationship.Head, Relationship.Spouse, Relationship.Partner, Relationship.Parent, Relationship.Guardian];

    public static HouseholdView From(Household household, IReadOnlyDictionary<Guid, Client> clients, DateOnly today)
    {
        var members = household.Members
            .Where(member => clients.ContainsKey(member.ClientId))
            .Select(member =>
            {
                var client = clients[member.ClientId];
                var eighteenth = client.DateOfBirth.AddYears(AdultAge);
                return new HouseholdMemberView(member.ClientId, client.FullName(), member.Relationship, client.AgeOn(today),
                    client.DateOfBirthIsApproximate, client.Vulnerabilities, client.Needs.Count(need => need.Status == Vocabulary.NeedStatus.Open))
                {
                    TurnsEighteenOn = eighteenth > today && eighteenth.DayNumber - today.DayNumber <= AgeingOutDays ? eighteenth : null,
                };
            })
            .OrderBy(member => member.Relationship).ThenByDescending(member => member.Age)
            .ToList();
        var flags = new List<string>();
        var hasCaringAdult = members.Any(member => member.Age >= AdultAge && CaringRelationships.Contains(member.Relationship));
        if (members.Any(member => member.Age < AdultAge) && !hasCaringAdult)
        {
            flags.Add(MinorWithoutGuardian);
        }

        if (members.Any(member => member.TurnsEighteenOn is not null))
        {
            flags.Add(AgeingOut);
        }

        return new HouseholdView(household.Id, household.Office, members, flags, household.Version);
    }
}

internal static class GettingHousehold
{
    public static RouteHandlerBuilder MapGetHousehold(this IEndpointRouteBuilder households) =>
        households.MapGet("/{householdId:guid}", HandleAsync)
            .WithName("GetHousehold")
            .RequireAuthorization(IntakeRoles.ReadClients);

    private static async Task<Results<Ok<HouseholdView>, NotFoundProblem>> HandleAsync(Guid householdId, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!http.User.Admits(await session.LoadAsync<Household>(householdId, cancellationToken), out var refusal, out var household))
        {
            return refusal;
        }

        var clients = (await session.LoadManyAsync<Client>(cancellationToken, household.Members.Select(member => member.ClientId)))
            .Where(client => client.Erasure is null)
            .ToDictionary(client => client.Id);
        var now = clock.GetUtcNow();
        AccessLogging.Record(session, http.User, "GetHousehold", clients.Keys, now);
        await session.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(household.Version);
        return TypedResults.Ok(HouseholdView.From(household, clients, DateOnly.FromDateTime(now.UtcDateTime)));
    }
}
