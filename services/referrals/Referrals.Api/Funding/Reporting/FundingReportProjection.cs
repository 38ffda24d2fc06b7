using Integration.Eventing;
using Integration.Referrals.Clients;
using Integration.Referrals.Clients.Merging;
using Integration.Referrals.Funding.Recording;
using Integration.Referrals.Referrals;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Referrals.Funding.Reporting;

/// <summary>
/// The funders' report as facts: one row per thing a funding stream paid for (a referral sent, a mediation delivered, a plan goal
/// achieved, a plan action done) with its day, the person it was for and their age band on that day; and one row per person with the
/// sex and main nationality funders count by. Neither holds a name or a date of birth once the person is erased (the date of birth is
/// dropped, the age bands already computed stay), so an erasure leaves every count as it was; a record merged into another counts as
/// the survivor, and as itself again once the merge is undone. Async (run by the daemon, built from the first event when its tables
/// are new): a rebuild after erasures counts the erased as of unknown sex, nationality and age, because their events are masked.
/// Every row is its tenant's (<c>tenant_id</c> leads each key); version 2 added it, in tables of their own (<c>_v2</c>) that the daemon
/// builds from the first event, so version 1's <c>funding_people</c> and <c>funding_facts</c> can be dropped.
/// </summary>
public sealed partial class FundingReportProjection : EventProjection
{
    public const string PeopleTable = "funding_people_v2";
    public const string FactTable = "funding_facts_v2";
    public const string Unknown = "unknown";

    private readonly string people;
    private readonly string facts;

    public FundingReportProjection(string schema)
    {
        Version = 2;
        people = $"{schema}.{PeopleTable}";
        facts = $"{schema}.{FactTable}";

        var person = new Table(new PostgresqlObjectName(schema, PeopleTable, SchemaUtils.IdentifierUsage.General));
        person.AddColumn<string>("tenant_id").AsPrimaryKey();
        person.AddColumn<Guid>("client_id").AsPrimaryKey();
        person.AddColumn<string>("sex").NotNull();
        person.AddColumn<string>("nationality").NotNull();
        person.AddColumn("date_of_birth", "date");
        person.AddColumn<Guid>("merged_into");

        var fact = new Table(new PostgresqlObjectName(schema, FactTable, SchemaUtils.IdentifierUsage.General));
        fact.AddColumn<string>("tenant_id").AsPrimaryKey();
        fact.AddColumn<Guid>("activity_id").AsPrimaryKey();
        fact.AddColumn<Guid>("stream_id").AsPrimaryKey();
        fact.AddColumn<string>("kind").NotNull();
        fact.AddColumn("day", "date").NotNull();
        fact.AddColumn<Guid>("client_id").NotNull();
        fact.AddColumn<string>("age_band").NotNull();
        fact.AddColumn<string>("language");
        fact.AddColumn<int>("minutes").NotNull().DefaultValue(0);
        fact.Indexes.Add(new IndexDefinition($"ix_{FactTable}_stream_day") { Columns = ["tenant_id", "stream_id", "day"] });
        fact.Indexes.Add(new IndexDefinition($"ix_{FactTable}_client") { Columns = ["tenant_id", "client_id"] });

        SchemaObjects.Add(person);
        SchemaObjects.Add(fact);
    }

    /// <summary>The age band on <paramref name="day"/> of a person born on <paramref name="dateOfBirth"/> (SQL expressions): funders' 0-17, 18-25, 26-64, 65+.</summary>
    private static string AgeBand(string dateOfBirth, string day) =>
        $"""
        case when {dateOfBirth} is null then '{Unknown}'
             when {dateOfBirth} > {day} - interval '18 years' then '0-17'
             when {dateOfBirth} > {day} - interval '26 years' then '18-25'
             when {dateOfBirth} > {day} - interval '65 years' then '26-64'
             else '65+' end
        """;

    public void Project(ClientReferenceRecorded e, IDocumentOperations operations) =>
        operations.QueueSqlCommand(
            $"""
            insert into {people} (tenant_id, client_id, sex, nationality, date_of_birth) values (?, ?, ?, ?, ?::date)
            on conflict (tenant_id, client_id) do update set sex = excluded.sex, nationality = excluded.nationality, date_of_birth = excluded.date_of_birth
            """,
            operations.TenantId, e.ClientId, e.Sex ?? Unknown, MainNationality(e.Nationalities), KnownBirth(e.DateOfBirth));

    /// <summary>A corrected date of birth moves the person's facts into the bands of the corrected age.</summary>
    public void Project(ClientIdentityUpdated e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand(
            $"""
            update {people} set date_of_birth = ?::date, sex = coalesce(?, sex), nationality = coalesce(?, nationality)
            where tenant_id = ? and client_id = ?
            """,
            KnownBirth(e.DateOfBirth), (object?)e.Sex ?? DBNull.Value, e.Nationalities is null ? DBNull.Value : MainNationality(e.Nationalities),
            operations.TenantId, e.ClientId);
        operations.QueueSqlCommand(
            $"""
            update {facts} f set age_band = {AgeBand("p.date_of_birth", "f.day")} from {people} p
            where p.tenant_id = f.tenant_id and p.client_id = f.client_id and f.tenant_id = ? and f.client_id = ?
            """,
            operations.TenantId, e.ClientId);
    }

    public void Project(ClientReferenceErased e, IDocumentOperations operations) => ForgetDateOfBirth(operations, e.ClientId);

    /// <summary>
    /// Drops an erased person's date of birth, in the erasure's own transaction (<see cref="ClientErasure"/>) as well as when the daemon
    /// reaches the erasure, so that it is gone when the erasure is confirmed.
    /// </summary>
    public static void ForgetDateOfBirth(IDocumentOperations operations, Guid clientId)
    {
        ArgumentNullException.ThrowIfNull(operations);
        operations.QueueSqlCommand(
            $"update {operations.DocumentStore.Options.DatabaseSchemaName}.{PeopleTable} set date_of_birth = null where tenant_id = ? and client_id = ?",
            operations.TenantId, clientId);
    }

    public void Project(ClientReferenceMergedInto e, IDocumentOperations operations) =>
        operations.QueueSqlCommand($"update {people} set merged_into = ? where tenant_id = ? and client_id = ?", e.SurvivorId, operations.TenantId,
            e.ClientId);

    public void Project(ClientReferenceUnmerged e, IDocumentOperations operations) =>
        operations.QueueSqlCommand($"update {people} set merged_into = null where tenant_id = ? and client_id = ?", operations.TenantId, e.ClientId);

    public void Project(ReferralSent e, IDocumentOperations operations)
    {
        if (e.FundingStream is { } stream)
        {
            Count(operations, e.ReferralId, stream, FundedActivity.Referral, e.ClientId, DateOnly.FromDateTime(e.SentAt.UtcDateTime), language: null, minutes: 0);
        }
    }

    public void Project(FundedActivityRecorded e, IDocumentOperations operations)
    {
        foreach (var stream in e.FundingStreams)
        {
            Count(operations, e.ActivityId, stream, e.Kind, e.ClientId, e.Day, e.Language, e.Minutes);
        }
    }

    private void Count(IDocumentOperations operations, Guid activityId, string stream, string kind, Guid clientId, DateOnly day, string? language, int minutes) =>
        operations.QueueSqlCommand(
            $"""
            insert into {facts} (tenant_id, activity_id, stream_id, kind, day, client_id, age_band, language, minutes)
            select fact.tenant_id, ?, ?, ?, fact.day, fact.client_id, {AgeBand("person.date_of_birth", "fact.day")}, ?, ?
            from (select ?::text as tenant_id, ?::date as day, ?::uuid as client_id) fact
                left join {people} person on person.tenant_id = fact.tenant_id and person.client_id = fact.client_id
            on conflict (tenant_id, activity_id, stream_id) do nothing
            """,
            activityId, FundingStreamCodes.IdOf(stream), kind, (object?)language ?? DBNull.Value, minutes, operations.TenantId, day, clientId);

    private static object KnownBirth(DateOnly dateOfBirth) => dateOfBirth == DateOnly.MinValue ? DBNull.Value : dateOfBirth;

    private static string MainNationality(IReadOnlyList<string> nationalities) =>
        nationalities is [var main, ..] && !string.IsNullOrWhiteSpace(main) ? main.Trim().ToUpperInvariant() : Unknown;
}
