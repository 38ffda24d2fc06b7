using Integration.Intake.Clients;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Notes;

/// <summary>
/// A dated note by a case worker on the client: what was said, agreed, observed. Notes are
/// intake's alone: no integration event carries them, so partners never see them.
/// </summary>
public sealed record CaseNote(Guid Id, Guid ClientId, string Text, StaffMember By, DateTimeOffset At);

/// <summary>Each note is a stream of its own (many staff write notes at once without contending for one stream).</summary>
public sealed record CaseNoteAdded(Guid NoteId, Guid ClientId, string Text, string AddedBy, DateTimeOffset AddedAt);

/// <summary>Keeps one <see cref="CaseNote"/> per note, found by client; an erased client's notes go with the erasure.</summary>
public sealed partial class CaseNoteProjection : EventProjection
{
    public const int MaxLength = 4000;

    public static void Configure(StoreOptions options)
    {
        options.Schema.For<CaseNote>().Duplicate(note => note.ClientId).Duplicate(note => note.At);
        options.Projections.Add<CaseNoteProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
    }

    public void Project(IEvent<CaseNoteAdded> e, IDocumentOperations operations)
    {
        var added = e.Data;
        operations.Store(new CaseNote(added.NoteId, added.ClientId, added.Text, new StaffMember(added.AddedBy, e.UserName ?? added.AddedBy), added.AddedAt));
    }

    public void Project(ClientErased e, IDocumentOperations operations)
    {
        operations.DeleteWhere<CaseNote>(note => note.ClientId == e.ClientId);
    }
}
