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
/// <item><c>caseload_referral_state_v3</c>: each referral's dimensions, current status and whether it is
/// overdue (to move its counts);</item>
/// <item><c>caseload_counters_v3</c>: referrals per period × office × category × organisation × current
/// status, and how many of them are overdue, each referral counted in three periods: its creation day
/// (<c>d</c>), its month (<c>m</c>) and all time (<c>a</c>);</item>
/// <item><c>caseload_answer_times_v3</c>: first answers (accepted or declined) per the same keys, as one row
/// holding a histogram of response times (<see cref="AnswerBuckets"/> counts), from which medians are read;
/// and, for all time, per slice the unfiltered report shows: per office (<c>ao</c>), per category
/// (<c>ac</c>), per organisation (<c>ar</c>) and in total (<c>at</c>), the other dimensions left blank.</item>
/// </list>
/// A report over all time reads the <c>a</c> rows (unfiltered, the answers' slice rows instead); a date
/// range reads whole months from <c>m</c> and at most two partial months from <c>d</c> (see <see cref="CaseloadPeriods"/>).
/// Async (run by the daemon): reports may trail the referrals by a moment, and writes stay cheap.
/// Version 2 replaced one row per response-time bucket (the all-time view read 40,046 of them at
/// 200,000 referrals) by one array per key, and counts overdue referrals (the report counted them in
/// the referral documents). Version 3 adds the answers' all-time slice rows: the unfiltered report read
/// 1,728 histograms at 200,000 referrals, one per office × category × organisation × answer, and added them
/// up in the service; it now reads one per slice. Each version has tables of its own (<c>_v3</c>), which the
/// daemon builds from the first event; an earlier version's tables can be dropped. Version 4 leads every key with the tenant
/// (<c>tenant_id</c>, the store's tenant id of the events' session): each tenant's caseload is its own.
/// </summary>
public sealed partial class CaseloadProjection : EventProjection
{
    public const string ReferralTable = "caseload_referral_state_v4";
    public const string CountTable = "caseload_counters_v4";
    public const string AnswerTable = "caseload_answer_times_v4";

    /// <summary>The all-time answer slices: per office, per category, per organisation (recipient), in total.</summary>
    public const string OfficeSlice = "ao", CategorySlice = "ac", OrganisationSlice = "ar", TotalSlice = "at";

    /// <summary>Response-time buckets per answer row (see <see cref="BucketIndex"/>).</summary>
    public const int AnswerBuckets = 120;

    private const string Dimensions = "office, category, organisation_id";
    private const string Keys = "tenant_id, period, period_start, office, category, organisation_id";

    /// <summary>A referral's three periods, from a relation <c>r</c> with its <c>created_day</c>.</summary>
    private const string Periods =
        "cross join (values ('d'), ('m'), ('a')) as periods(period)";

    /// <summary>The organisation of a slice row that spans every organisation.</summary>
    private const string NoOrganisation = "'00000000-0000-0000-0000-000000000000'::uuid";

    private const string PeriodStart =
        "case periods.period when 'd' then r.created_day when 'm' then date_trunc('month', r.created_day)::date else date '0001-01-01' end";

    private readonly string referrals;
    private readonly string counts;
    private readonly string answers;

    public CaseloadProjection(string schema)
    {
        Version = 4;
        referrals = $"{schema}.{ReferralTable}";
        counts = $"{schema}.{CountTable}";
        answers = $"{schema}.{AnswerTable}";

        var referral = new Table(new PostgresqlObjectName(schema, ReferralTable, SchemaUtils.IdentifierUsage.General));
        referral.AddColumn<string>("tenant_id").AsPrimaryKey();
        referral.AddColumn<Guid>("referral_id").AsPrimaryKey();
        referral.AddColumn("created_day", "date").NotNull();
        referral.AddColumn<string>("office").NotNull();
        referral.AddColumn<string>("category").NotNull();
        referral.AddColumn<Guid>("organisation_id").NotNull();
        referral.AddColumn("created_at", "timestamptz").NotNull();
        referral.AddColumn<string>("status").NotNull();
        referral.AddColumn("responded_at", "timestamptz");
        referral.AddColumn<bool>("overdue").NotNull().DefaultValueByExpression("false");

        var count = new Table(new PostgresqlObjectName(schema, CountTable, SchemaUtils.IdentifierUsage.General));
        AddKeys(count);
        count.AddColumn<string>("status").AsPrimaryKey();
        count.AddColumn<long>("referrals").NotNull();
        count.AddColumn<long>("overdue").NotNull().DefaultValueByExpression("0");

        var answer = new Table(new PostgresqlObjectName(schema, AnswerTable, SchemaUtils.IdentifierUsage.General));
        AddKeys(answer);
        answer.AddColumn<string>("response").AsPrimaryKey();
        answer.AddColumn("buckets", "bigint[]").NotNull();

        SchemaObjects.Add(referral);
        SchemaObjects.Add(count);
        SchemaObjects.Add(answer);
    }

    private static void AddKeys(Table table)
    {
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
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
                insert into {referrals} (tenant_id, referral_id, created_day, {Dimensions}, created_at, status)
                values (?, ?, ?::date, ?, ?, ?, ?, ?)
                on conflict (tenant_id, referral_id) do nothing
                returning tenant_id, created_day, {Dimensions}, status)
            insert into {counts} ({Keys}, status, referrals)
            select tenant_id, periods.period, {PeriodStart}, {Dimensions}, status, 1 from r {Periods}
            on conflict ({Keys}, status) do update set referrals = {counts}.referrals + 1
            """,
            operations.TenantId, e.ReferralId, DateOnly.FromDateTime(e.SentAt.UtcDateTime), e.Office, VocabularyNames.Name(e.Category), e.OrganisationId, e.SentAt,
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
    /// one statement, and out of the overdue count if it was overdue; a replayed event finds the status
    /// already moved and changes nothing.
    /// </summary>
    private void Move(IDocumentOperations operations, Guid referralId, ReferralStatus status)
    {
        var name = StatusName(status);
        operations.QueueSqlCommand(
            $"""
            with r as (
                select tenant_id, referral_id, created_day, {Dimensions}, status, overdue from {referrals}
                where tenant_id = ? and referral_id = ? and status <> ? for update),
            moved as (
                update {referrals} target set status = ?, overdue = false from r
                where target.tenant_id = r.tenant_id and target.referral_id = r.referral_id returning target.referral_id),
            keyed as (
                select tenant_id, periods.period, {PeriodStart} as period_start, {Dimensions}, status, overdue from r {Periods}),
            left_behind as (
                update {counts} c set referrals = c.referrals - 1, overdue = c.overdue - case when k.overdue then 1 else 0 end from keyed k
                where c.tenant_id = k.tenant_id and c.period = k.period and c.period_start = k.period_start and c.office = k.office and c.category = k.category
                  and c.organisation_id = k.organisation_id and c.status = k.status
                returning c.status)
            insert into {counts} ({Keys}, status, referrals)
            select {Keys}, ?, 1 from keyed
            on conflict ({Keys}, status) do update set referrals = {counts}.referrals + 1
            """,
            operations.TenantId, referralId, name, name, name);
    }

    /// <summary>
    /// Counts a referral still waiting for its answer past the time it was due, once: only the sweep marks
    /// it, only while it is sent, and leaving "sent" takes it out again (<see cref="Move"/>).
    /// </summary>
    public void Project(ReferralBecameOverdue e, IDocumentOperations operations)
    {
        operations.QueueSqlCommand(
            $"""
            with r as (
                update {referrals} set overdue = true where tenant_id = ? and referral_id = ? and status = ? and not overdue
                returning tenant_id, created_day, {Dimensions}, status),
            keyed as (
                select tenant_id, periods.period, {PeriodStart} as period_start, {Dimensions}, status from r {Periods})
            update {counts} c set overdue = c.overdue + 1 from keyed k
            where c.tenant_id = k.tenant_id and c.period = k.period and c.period_start = k.period_start and c.office = k.office and c.category = k.category
              and c.organisation_id = k.organisation_id and c.status = k.status
            """,
            operations.TenantId, e.ReferralId, StatusName(ReferralStatus.Sent));
    }

    /// <summary>
    /// The response time's bucket, 1-based (a PostgreSQL array's first element): tenths of an hour at a
    /// resolution that coarsens with the wait (6 minutes up to 2 hours, 1 hour up to a day, 6 hours up to
    /// a week, then a day, the last bucket holding 60 days and more), so a histogram has
    /// <see cref="AnswerBuckets"/> counts however many referrals there are. <see cref="BucketStart"/> is the inverse.
    /// </summary>
    private const string BucketIndex =
        """
        (select 1 + case when t < 20 then t when t < 240 then 18 + t / 10 when t < 1680 then 38 + t / 60 else 59 + least(t / 240, 60) end
         from (select greatest(0, floor(extract(epoch from (?::timestamptz - r.created_at)) / 360))::int as t) as waited)
        """;

    /// <summary>The wait a bucket starts at, in tenths of an hour, for its 0-based index.</summary>
    public static int BucketStart(int index) => index switch
    {
        < 20 => index,
        < 42 => (index - 18) * 10,
        < 66 => (index - 38) * 60,
        _ => (index - 59) * 240,
    };

    /// <summary>Counts a referral's acceptance or decline once, in the histogram of its keys (waitlisting is not an answer here).</summary>
    private void FirstAnswer(IDocumentOperations operations, Guid referralId, string response, DateTimeOffset at)
    {
        operations.QueueSqlCommand(
            $"""
            with answered as (
                update {referrals} set responded_at = ? where tenant_id = ? and referral_id = ? and responded_at is null
                returning tenant_id, created_day, {Dimensions}, created_at),
            r as (
                select r.*, {BucketIndex} as bucket from answered r),
            answer as (
                select r.tenant_id, periods.period, {PeriodStart} as period_start, {Dimensions}, bucket from r {Periods}
                union all
                select r.tenant_id, slices.period, date '0001-01-01', slices.office, slices.category, slices.organisation_id, r.bucket
                from r cross join lateral (values
                    ('{OfficeSlice}', r.office, '', {NoOrganisation}), ('{CategorySlice}', '', r.category, {NoOrganisation}),
                    ('{OrganisationSlice}', '', '', r.organisation_id), ('{TotalSlice}', '', '', {NoOrganisation}))
                    as slices(period, office, category, organisation_id))
            insert into {answers} ({Keys}, response, buckets)
            select tenant_id, period, period_start, {Dimensions}, ?,
                array_fill(0::bigint, array[bucket - 1]) || 1::bigint || array_fill(0::bigint, array[{AnswerBuckets} - bucket])
            from answer
            on conflict ({Keys}, response) do update set buckets = (
                select array_agg(stored + added order by position)
                from unnest({answers}.buckets, excluded.buckets) with ordinality as counts(stored, added, position))
            """,
            at, operations.TenantId, referralId, at, response);
    }

    private static string StatusName(ReferralStatus status) => VocabularyNames.Name(status);
}
