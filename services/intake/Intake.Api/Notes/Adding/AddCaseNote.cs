using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Notes.Adding;

internal sealed record AddCaseNoteRequest(string? Text);

/// <summary>A case note as parsed: its text.</summary>
internal sealed record AddCaseNote(string Text);

public sealed record CaseNoteCreated(Guid NoteId, DateTimeOffset At, StaffMember By);

/// <summary><c>POST /clients/{id}/notes</c>: the case's memory, so that knowledge survives staff turnover.</summary>
internal static class AddingCaseNote
{
    public static Parsed<AddCaseNote> Parse(AddCaseNoteRequest request)
    {
        var errors = new FieldErrors();
        var text = errors.RequireText("text", request.Text, CaseNoteProjection.MaxLength);
        return errors.Any || text is not { } written ? errors : new AddCaseNote(written);
    }

    public static RouteHandlerBuilder MapAddCaseNote(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/notes", HandleAsync)
            .WithName("AddCaseNote")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static async Task<Results<CreateResult<CaseNoteCreated>, AccessRefusal>> HandleAsync(Guid clientId, AddCaseNoteRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var note, out var errors))
        {
            return (CreateResult<CaseNoteCreated>)errors.ToProblem();
        }

        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        var now = http.Now();
        var author = new StaffMember(http.Actor(), http.User.DisplayName());
        return await session.StartAsync<CaseNote, CaseNoteCreated>(http, $"AddCaseNote:{clientId}", request,
            noteId => new CaseNoteAdded(noteId, clientId, note.Text, author.Id, now),
            noteId => $"/clients/{clientId}/notes/{noteId}", noteId => new CaseNoteCreated(noteId, now, author), cancellationToken);
    }
}
