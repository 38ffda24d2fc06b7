using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Timeline.Reading;

/// <summary>
/// <c>GET /clients/{id}/timeline?page=</c>: everything that happened in the case across services,
/// newest first, paged. One indexed query on the client's entries, however many services fed it.
/// </summary>
public static class GettingTimeline
{
    public static RouteHandlerBuilder MapGetTimeline(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/timeline", HandleAsync)
            .WithName("GetClientTimeline")
            .RequireAuthorization(IntakeRoles.ReadHistory)
            .Produces<ListPage<TimelineEntry>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(Guid clientId, int? page, int? pageSize, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        var entries = await session.Query<TimelineEntry>().Where(entry => entry.ClientId == clientId)
            .OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
            .ToPageAsync(request, cancellationToken);
        AccessLogging.Record(session, http.User, "GetClientTimeline", [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
