using Integration.Intake.Clients;
using Integration.Intake.Clients.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Timeline.Reading;

/// <summary>
/// <c>GET /clients/{id}/timeline?page=</c>: everything that happened in the case across services,
/// newest first, paged. One indexed query on the client's entries, however many services fed it.
/// </summary>
internal static class GettingTimeline
{
    public static RouteHandlerBuilder MapGetTimeline(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/timeline", HandleAsync)
            .WithName("GetClientTimeline")
            .RequireAuthorization(IntakeRoles.ReadHistory);

    private static Task<Results<Ok<ListPage<TimelineEntry>>, ValidationProblem, AccessRefusal>> HandleAsync(Guid clientId, int? page, int? pageSize, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        ClientRecords.PageAsync<TimelineEntry, TimelineEntry>(session, http, clientId, page, pageSize, "GetClientTimeline",
            (entries, recordIds) => entries.Where(entry => recordIds.Contains(entry.ClientId)).OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id),
            entry => entry, cancellationToken);
}
