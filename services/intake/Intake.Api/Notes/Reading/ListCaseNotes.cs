using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Notes.Reading;

/// <summary><c>GET /clients/{id}/notes</c>: newest first, paged.</summary>
public static class ListingCaseNotes
{
    public static RouteHandlerBuilder MapListCaseNotes(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/notes", HandleAsync)
            .WithName("ListCaseNotes")
            .RequireAuthorization(IntakeRoles.ReadHistory)
            .Produces<ListPage<CaseNote>>()
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

        var notes = await session.Query<CaseNote>().Where(note => note.ClientId == clientId)
            .OrderByDescending(note => note.At).ThenByDescending(note => note.Id)
            .ToPageAsync(request, cancellationToken);
        AccessLogging.Record(session, http.User, "ListCaseNotes", [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(notes);
    }
}
