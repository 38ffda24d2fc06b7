using Integration.Referrals.Referrals;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Referrals.Caseload;

/// <summary>
/// Keeps the coordinator's caseload as counters, so a report reads a bounded number of rows
/// whatever the number of referrals:
/// <list type="bullet">
/// <item><c>caseload_referral</c>: each referral's dimensions and current status (to move its count);</item>
/// <item><c>caseload_count</c>: referrals per period × office × category × organisation × current
/// status, each referral counted in three periods: its creation day (<c>d</c>), its month (<c>m</c>)
/// and all time (<c>a</c>);</item>
/// <item><c>caseload_response</c>: first answers (accepted or declined) per the same keys and response
/// time in tenths of an hour, a histogram from which medians are read.</item>
/// </list>
/// A report over all time reads the <c>a</c> rows; a date range reads whole months from <c>m</c>
/// and at most two partial months from <c>d</c> (see <see cref="CaseloadPeriods"/>).
/// Async (run by the daemon): reports may trail the referrals by a moment, and writes stay cheap.
/// </summary>
public sealed partial class CaseloadProjection : EventProjection
{
    public const string ReferralTable = "caseload_referral";
    public const string CountTable = "caseload_count";
    public const string ResponseTable = "caseload_response";

    private const string Dimensions = "office, category, organisation_id";
    private const string Keys = "period, period_start, office, category, organisation_id";

    /// <summary>A referral's three periods, from a relation <c>r</c> with its <c>created_day</c>.</summary>
    private const string Periods =
        "cross join (values ('d'), ('m'), ('a')) as periods(period)";

    private const string PeriodStart =
        "case periods.period when 'd' then r.created_day when 'm' then date_trunc('month', r.created_day)::date else date '0001-01-01' end";

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
        referral.AddColumn("created_day", "date").NotNull();
        referral.AddColumn<string>("office").NotNull();
        referral.AddColumn<string>("category").NotNull();
        referral.AddColumn<Guid>("organisation_id").NotNull();
        referral.AddColumn("created_at", "timestamptz").NotNull();
        referral.AddColumn<string>("status").NotNull();
        referral.AddColumn("responded_at", "timestamptz");

        var count = new Table(new PostgresqlObjectName(schema, CountTable, SchemaUtils.IdentifierUsage.General));
        AddKeys(count);
        count.AddColumn<string>("status").AsPrimaryKey();
        count.AddColumn<long>("referrals").NotNull();

        var response = new Table(new PostgresqlObjectName(schema, ResponseTable, SchemaUtils.IdentifierUsage.General));
        AddKeys(response);
        response.AddColumn<string>("response").AsPrimaryKey();
        response.AddColumn<int>("tenth_hours").AsPrimaryKey();
        response.AddColumn<long>("referrals").NotNull();

        SchemaObjects.Add(referral);
        SchemaObjects.Add(count);
        SchemaObjects.Add(response);
    }

    private static void AddKeys(Table table)
    {
        table.AddColumn<string>("period").AsPrimaryKey();
        table.AddColumn("period_start", "date").AsPrimaryKey();
        table.AddColumn<string>("office").AsPrimaryKey();
        table.AddColumn<string>("category").AsPrimaryKey();
        table.AddColumn<Guid>("organisation_id").AsPrimaryKey();
    }

    public void Project(ReferralSent e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand(
            $"""
            with r as (
                insert into {referrals} (referral_id, created_day, {Dimensions}, created_at, status)
                values (?, ?::date, ?, ?, ?, ?, ?)
                on conflict (referral_id) do nothing
                returning created_day, {Dimensions}, status)
            insert into {counts} ({Keys}, status, referrals)
            select periods.period, {PeriodStart}, {Dimensions}, status, 1 from r {Periods}
            on conflict ({Keys}, status) do update set referrals = {counts}.referrals + 1
            """,
            e.ReferralId, DateOnly.FromDateTime(e.SentAt.UtcDateTime), e.Office, VocabularyNames.Name(e.Category), e.OrganisationId, e.SentAt,
            StatusName(ReferralStatus.Sent));
    }

    public void Project(ReferralAccepted e, IDocumentOperations operations)
    {
        FirstAnswer(operations, e.ReferralId, "accepted", e.At);
        Move(operations, e.ReferralId, ReferralStatus.Accepted);
    }

    public void Project(ReferralDeclined e, IDocumentOperations operations)
    {
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
    /// Moves one referral from its current status count to the new one in each of its periods, in
    /// one statement; a replayed event finds the status already moved and changes nothing.
    /// </summary>
    private void Move(IDocumentOperations operations, Guid referralId, ReferralStatus status)
    {
        var name = StatusName(status);
        operations.QueueSqlCommand(
            $"""
            with r as (
                select referral_id, created_day, {Dimensions}, status from {referrals} where referral_id = ? and status <> ? for update),
            moved as (
                update {referrals} target set status = ? from r where target.referral_id = r.referral_id returning target.referral_id),
            keyed as (
                select periods.period, {PeriodStart} as period_start, {Dimensions}, status from r {Periods}),
            left_behind as (
                update {counts} c set referrals = c.referrals - 1 from keyed k
                where c.period = k.period and c.period_start = k.period_start and c.office = k.office and c.category = k.category
                  and c.organisation_id = k.organisation_id and c.status = k.status
                returning c.status)
            insert into {counts} ({Keys}, status, referrals)
            select {Keys}, ?, 1 from keyed
            on conflict ({Keys}, status) do update set referrals = {counts}.referrals + 1
            """,
            referralId, name, name, name);
    }

    /// <summary>
    /// The response time as a histogram bucket in tenths of an hour, at a resolution that coarsens
    /// with the wait (6 minutes up to 2 hours, 1 hour up to a day, 6 hours up to a week, then a
    /// day, capped at 60 days), so the histogram stays small however many referrals there are.
    /// The bucket's value is its lower bound.
    /// </summary>
    private const string ResponseBucket =
        """
        (select case when t < 20 then t when t < 240 then t / 10 * 10 when t < 1680 then t / 60 * 60 else least(t / 240 * 240, 14400) end
         from (select greatest(0, floor(extract(epoch from (?::timestamptz - r.created_at)) / 360))::int as t) as waited)
        """;

    /// <summary>Counts a referral's acceptance or decline once, with the hours since it was sent (waitlisting is not an answer here).</summary>
    private void FirstAnswer(IDocumentOperations operations, Guid referralId, string response, DateTimeOffset at)
    {
        operations.QueueSqlCommand(
            $"""
            with r as (
                update {referrals} set responded_at = ? where referral_id = ? and responded_at is null
                returning created_day, {Dimensions}, created_at)
            insert into {responses} ({Keys}, response, tenth_hours, referrals)
            select periods.period, {PeriodStart}, {Dimensions}, ?, {ResponseBucket}, 1
            from r {Periods}
            on conflict ({Keys}, response, tenth_hours) do update set referrals = {responses}.referrals + 1
            """,
            at, referralId, response, at);
    }

    private static string StatusName(ReferralStatus status) => VocabularyNames.Name(status);
}
