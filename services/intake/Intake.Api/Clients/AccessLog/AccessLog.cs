using System.Security.Claims;
using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using ReferralEvents = Integration.Referrals.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.AccessLog;

/// <summary>
/// One read of a client's personal data: who (token subject, role, organisation, office), when,
/// and why (the service and endpoint that showed it). Accountability for a population that fears
/// leaks: a coordinator can tell a person exactly who looked at their file.
/// </summary>
public sealed record AccessRecord(
    Guid Id, Guid ClientId, DateTimeOffset At, string By, string Role, Guid? Organisation, string? Office, string Service, string Endpoint)
{
    /// <summary>The reader's name as colleagues know it (the token's <c>name</c>), for the person to be told who looked.</summary>
    public string? ByName { get; init; }
}

/// <summary>
/// Intake records its own reads in the request that serves them (the record commits before the
/// data leaves); other services record theirs as events that their relay publishes
/// (<see cref="ReferralEvents.ClientDataViewed"/>) and <see cref="ClientDataViewedConsumer"/> files here.
/// </summary>
internal static class AccessLogging
{
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<AccessRecord>().Duplicate(record => record.ClientId).Duplicate(record => record.At);
    }

    /// <summary>Stages one record per client shown; the caller saves with its own changes or on its own.</summary>
    public static void Record(IDocumentSession session, ClaimsPrincipal reader, string endpoint, IEnumerable<Guid> clientIds, DateTimeOffset now)
    {
        foreach (var clientId in clientIds.Distinct())
        {
            session.Insert(new AccessRecord(Guid.CreateVersion7(now), clientId, now, reader.Actor(),
                reader.FindFirstValue(IntegrationClaims.Role) ?? "", reader.Organisation(),
                reader.FindFirstValue(IntegrationClaims.Office), IntakeService.Name, endpoint) { ByName = reader.DisplayName() });
        }
    }

    public static RouteHandlerBuilder MapAccessLog(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/access-log", async Task<Results<Ok<ListPage<AccessRecord>>, ValidationProblem, NotFoundProblem>> (Guid clientId, int? page, int? pageSize, IQuerySession session,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                var request = PageRequest.Parse(page, pageSize, errors);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                if (await session.Events.FetchStreamStateAsync(clientId, cancellationToken) is null)
                {
                    return StreamWrites.NotFound("No client with this id.");
                }

                return TypedResults.Ok(await session.Query<AccessRecord>().Where(record => record.ClientId == clientId)
                    .OrderByDescending(record => record.At).ThenBy(record => record.Id).ToPageAsync(request, cancellationToken));
            })
            .WithName("GetClientAccessLog")
            .RequireAuthorization(IntakeRoles.ReadAccessLog);
}

/// <summary>Files another service's read of a client in intake's access log, once per message.</summary>
internal sealed class ClientDataViewedConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<ReferralEvents.ClientDataViewed>(store, clock)
{
    protected override Task ApplyAsync(ReferralEvents.ClientDataViewed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Insert(new AccessRecord(Guid.CreateVersion7(message.At), message.ClientId, message.At, message.By, message.Role, message.Organisation,
            message.Office, message.Service, message.Endpoint) { ByName = message.ByName });
        return Task.CompletedTask;
    }
}
