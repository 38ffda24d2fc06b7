using Integration.Referrals.Referrals;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Referrals.Caseload;

/// <summary>
/// Keeps the coordinator's caseload as counters, so a report reads a few rows per combination of
/// office, category, organisation and status instead of every referral:
/// <list type="bullet">
/// <item><c>caseload_referral</c>: each referral's dimensions and current status (to move its count);</item>
/// <item><c>caseload_count</c>: referrals per creation day, office, category, organisation and current status;</item>
/// <item><c>caseload_response</c>: first answers (accepted or declined) per the same dimensions and
/// response time in tenths of an hour, a histogram from which medians are read.</item>
/// </list>
/// Async (run by the daemon): reports may trail the referrals by a moment, and writes stay cheap.
/// </summary>
public sealed partial class CaseloadProjection : EventProjection
{
    public const string ReferralTable = "caseload_referral";
    public const string CountTable = "caseload_count";
    public const string ResponseTable = "caseload_response";

    private const string Dimensions = "created_day, office, category, organisation_id";
    private readonly string referrals;
    private readonly string counts;
    private readonly string responses;

    public CaseloadProjection(string schema)
    {
        referrals = $"{schema}.{ReferralTable}";
        counts = $"{schema}.{CountTable}";
        responses = $"{schema}.{ResponseTable}";

        var referral = new Table(new PostgresqlObjectName(schema, ReferralTable, SchemaUtils.IdentifierUsage.General));
        referral.AddColumn<Guid>("referral_id").AsPrimaryKey();
        AddDimensions(referral, primaryKey: false);
        referral.AddColumn("created_at", "timestamptz").NotNull();
        referral.AddColumn<string>("status").NotNull();
        referral.AddColumn("responded_at", "timestamptz");

        var count = new Table(new PostgresqlObjectName(schema, CountTable, SchemaUtils.IdentifierUsage.General));
        AddDimensions(count, primaryKey: true);
        count.AddColumn<string>("status").AsPrimaryKey();
        count.AddColumn<long>("referrals").NotNull();

        var response = new Table(new PostgresqlObjectName(schema, ResponseTable, SchemaUtils.IdentifierUsage.General));
        AddDimensions(response, primaryKey: true);
        response.AddColumn<string>("response").AsPrimaryKey();
        response.AddColumn<int>("tenth_hours").AsPrimaryKey();
        response.AddColumn<long>("referrals").NotNull();

        SchemaObjects.Add(referral);
        SchemaObjects.Add(count);
        SchemaObjects.Add(response);
    }

    private static void AddDimensions(Table table, bool primaryKey)
    {
        foreach (var column in new[] { table.AddColumn("created_day", "date"), table.AddColumn<string>("office"), table.AddColumn<string>("category"),
            table.AddColumn<Guid>("organisation_id") })
        {
            if (primaryKey)
            {
                column.AsPrimaryKey();
            }
            else
            {
                column.NotNull();
            }
        }
    }

    public void Project(ReferralSent e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(operations);
        var status = StatusName(ReferralStatus.Sent);
        operations.QueueSqlCommand(
            $"""
            with recorded as (
                insert into {referrals} (referral_id, {Dimensions}, created_at, status)
                values (?, ?::date, ?, ?, ?, ?, ?)
                on conflict (referral_id) do nothing
                returning {Dimensions}, status)
            insert into {counts} ({Dimensions}, status, referrals)
            select {Dimensions}, status, 1 from recorded
            on conflict ({Dimensions}, status) do update set referrals = {counts}.referrals + 1
            """,
            e.ReferralId, DateOnly.FromDateTime(e.SentAt.UtcDateTime), e.Office, VocabularyNames.Name(e.Category), e.OrganisationId, e.SentAt,
            status);
    }

    public void Project(ReferralAccepted e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        FirstAnswer(operations, e.ReferralId, "accepted", e.At);
        Move(operations, e.ReferralId, ReferralStatus.Accepted);
    }

    public void Project(ReferralDeclined e, IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(e);
        FirstAnswer(operations, e.ReferralId, "declined", e.At);
        Move(operations, e.ReferralId, ReferralStatus.Declined);
    }

    public void Project(ReferralWaitlisted e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.Waitlisted);

    public void Project(FirstContactRecorded e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.InContact);

    public void Project(ReferralCompleted e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.Completed);

    public void Project(NoShowRecorded e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.NoShow);

    public void Project(ReferralWithdrawn e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.Withdrawn);

    public void Project(ReferralRedirected e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.Redirected);

    public void Project(ReferralSuspended e, IDocumentOperations operations) => Move(operations, e!.ReferralId, ReferralStatus.Suspended);

    /// <summary>
    /// Moves one referral from its current status count to the new one, in one statement; a replayed
    /// event finds the status already moved and changes nothing.
    /// </summary>
    private void Move(IDocumentOperations operations, Guid referralId, ReferralStatus status)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var name = StatusName(status);
        operations.QueueSqlCommand(
            $"""
            with previous as (
                select referral_id, {Dimensions}, status from {referrals} where referral_id = ? and status <> ? for update),
            moved as (
                update {referrals} r set status = ? from previous p where r.referral_id = p.referral_id returning r.referral_id),
            left_behind as (
                update {counts} c set referrals = c.referrals - 1 from previous p
                where c.created_day = p.created_day and c.office = p.office and c.category = p.category
                  and c.organisation_id = p.organisation_id and c.status = p.status
                returning c.status)
            insert into {counts} ({Dimensions}, status, referrals)
            select {Dimensions}, ?, 1 from previous
            on conflict ({Dimensions}, status) do update set referrals = {counts}.referrals + 1
            """,
            referralId, name, name, name);
    }

    /// <summary>Counts a referral's acceptance or decline once, with the hours since it was sent (waitlisting is not an answer here).</summary>
    private void FirstAnswer(IDocumentOperations operations, Guid referralId, string response, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(operations);
        operations.QueueSqlCommand(
            $"""
            with answered as (
                update {referrals} set responded_at = ? where referral_id = ? and responded_at is null
                returning {Dimensions}, created_at)
            insert into {responses} ({Dimensions}, response, tenth_hours, referrals)
            select {Dimensions}, ?, greatest(0, floor(extract(epoch from (?::timestamptz - created_at)) / 360))::int, 1 from answered
            on conflict ({Dimensions}, response, tenth_hours) do update set referrals = {responses}.referrals + 1
            """,
            at, referralId, response, at);
    }

    private static string StatusName(ReferralStatus status) => VocabularyNames.Name(status);
}
