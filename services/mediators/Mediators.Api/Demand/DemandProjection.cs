using Integration.Mediators.Bookings;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Mediators.Demand;

/// <summary>
/// The coordinator's demand report as rows of <c>demand_booking_v3</c>: each booking's start day
/// (UTC), the office that requested it, language, specialism, current status, whether a mediator was
/// ever assigned, and the minutes delivered. Async (run by the daemon), so bookings stay cheap to
/// write; the report reads only the rows of its date range through the index on the start day (and
/// the office). Version 2 added the office, in a table of its own the daemon builds from the first
/// event; version 1's <c>demand_booking</c> can be dropped. Version 3 leads every key with the tenant (<c>tenant_id</c>), in
/// <c>demand_booking_v3</c>; version 2's table can be dropped.
/// </summary>
public sealed partial class DemandProjection : EventProjection
{
    public const string Table = "demand_booking_v3";

    private readonly string table;

    public DemandProjection(string schema)
    {
        Version = 3;
        table = $"{schema}.{Table}";
        var rows = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        rows.AddColumn<string>("tenant_id").AsPrimaryKey();
        rows.AddColumn<Guid>("booking_id").AsPrimaryKey();
        rows.AddColumn("start_day", "date").NotNull();
        rows.AddColumn<string>("office").NotNull();
        rows.AddColumn<string>("language").NotNull();
        rows.AddColumn<string>("specialism").NotNull();
        rows.AddColumn<string>("status").NotNull();
        rows.AddColumn<bool>("assigned").NotNull();
        rows.AddColumn<int>("requested_minutes").NotNull();
        rows.AddColumn<int>("actual_minutes");
        rows.Indexes.Add(new IndexDefinition($"ix_{Table}_start_day") { Columns = ["tenant_id", "start_day"] });
        rows.Indexes.Add(new IndexDefinition($"ix_{Table}_office_start_day") { Columns = ["tenant_id", "office", "start_day"] });
        SchemaObjects.Add(rows);
    }

    /// <summary>The specialism column holds this for a request that asked for none.</summary>
    public const string NoSpecialism = "";

    public void Project(BookingRequested e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand(
            $"""
            insert into {table} (tenant_id, booking_id, start_day, office, language, specialism, status, assigned, requested_minutes)
            values (?, ?, ?::date, ?, ?, ?, ?, false, ?)
            on conflict (tenant_id, booking_id) do nothing
            """,
            operations.TenantId, e.BookingId, DateOnly.FromDateTime(e.Start.UtcDateTime), e.Office ?? "", e.Language, e.Specialism is { } specialism ? VocabularyNames.Name(specialism) : NoSpecialism,
            StatusName(BookingStatus.Unfilled), e.DurationMinutes);
    }

    public void Project(MediatorAssigned e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set status = ?, assigned = true where tenant_id = ? and booking_id = ?", StatusName(BookingStatus.Assigned),
            operations.TenantId, e.BookingId);
    }

    public void Project(BookingConfirmed e, IDocumentOperations operations) => Move(operations, e!.BookingId, BookingStatus.Confirmed);

    public void Project(BookingCancelled e, IDocumentOperations operations) => Move(operations, e!.BookingId, BookingStatus.Cancelled);

    public void Project(BookingNoShowRecorded e, IDocumentOperations operations) => Move(operations, e!.BookingId, BookingStatus.NoShow);

    public void Project(BookingCompleted e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand($"update {table} set status = ?, actual_minutes = ? where tenant_id = ? and booking_id = ?",
            StatusName(BookingStatus.Completed), e.ActualMinutes, operations.TenantId, e.BookingId);
    }

    private void Move(IDocumentOperations operations, Guid bookingId, BookingStatus status)
    {
        operations.QueueSqlCommand($"update {table} set status = ? where tenant_id = ? and booking_id = ?", StatusName(status), operations.TenantId, bookingId);
    }

    private static string StatusName(BookingStatus status) => VocabularyNames.Name(status);
}
