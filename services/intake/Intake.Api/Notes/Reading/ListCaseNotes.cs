using Integration.Intake.Clients;
using Integration.Intake.Clients.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Notes.Reading;

/// <summary><c>GET /clients/{id}/notes</c>: newest first, paged.</summary>
internal static class ListingCaseNotes
{
    public static RouteHandlerBuilder MapListCaseNotes(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/notes", HandleAsync)
            .WithName("ListCaseNotes")
            .RequireAuthorization(IntakeRoles.ReadHistory);

    private static Task<Results<Ok<ListPage<CaseNote>>, ValidationProblem, AccessRefusal>> HandleAsync(Guid clientId, int? page, int? pageSize, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        ClientRecords.PageAsync<CaseNote, CaseNote>(session, http, clientId, page, pageSize, "ListCaseNotes",
            (notes, recordIds) => notes.Where(note => recordIds.Contains(note.ClientId)).OrderByDescending(note => note.At).ThenByDescending(note => note.Id),
            note => note, cancellationToken);
}
