using System.Globalization;
using System.Text;
using Integration.Eventing;
using Integration.Referrals.Funding.Recording;
using Integration.Referrals.Referrals;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Integration.Referrals.Funding.Reporting;

/// <summary>How many people, or referrals, had one value of a dimension (a nationality, a sex, an age band; a status, a category, an outcome).</summary>
public sealed record BeneficiariesBy(string Value, ReportCount Beneficiaries);

public sealed record ReferralsBy(string Value, ReportCount Referrals);

/// <summary>Mediation delivered in one language: its hours (actual minutes / 60, one decimal) and how many bookings.</summary>
public sealed record MediatorHours(string Language, double Hours, ReportCount Bookings);

/// <summary>A partner organisation that received the stream's referrals, and in which service categories (its role).</summary>
public sealed record PartnerInvolved(Guid OrganisationId, string Name, IReadOnlyList<string> Categories, ReportCount Referrals);

/// <summary>
/// What a funder asks of one stream over a period: the people it reached (distinct, by nationality, sex and age band), the
/// referrals it paid for (by status, category and outcome), the plan goals achieved, the mediation hours delivered by language and
/// the partners involved. Every count under <see cref="ReportCount.Threshold"/> is <c>"&lt;5"</c>.
/// </summary>
public sealed record FundingReport(
    FundingStreamView Stream,
    DateOnly From,
    DateOnly To,
    ReportCount Beneficiaries,
    IReadOnlyList<BeneficiariesBy> ByNationality,
    IReadOnlyList<BeneficiariesBy> BySex,
    IReadOnlyList<BeneficiariesBy> ByAgeBand,
    IReadOnlyList<ReferralsBy> ReferralsByStatus,
    IReadOnlyList<ReferralsBy> ByCategory,
    IReadOnlyList<ReferralsBy> Outcomes,
    ReportCount PlanGoalsAchieved,
    IReadOnlyList<MediatorHours> MediatorHoursByLanguage,
    IReadOnlyList<PartnerInvolved> Partners,
    DateTimeOffset GeneratedAt);

/// <summary>
/// <c>GET /reports/funding?stream=&amp;from=&amp;to=</c> and <c>.csv</c>, for coordinators: the funders' report of one stream
/// (<see cref="FundingReportProjection"/>'s facts), over the stream's own dates unless a period is given. A missing or unknown stream
/// and a bad period are field errors. Cost per request: grouped reads of the stream's facts in the period (indexed by stream and day)
/// and one load of the referrals it paid for.
/// </summary>
internal static class ReportingFunding
{
    public static IEndpointRouteBuilder MapReportFunding(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/funding", async Task<Results<Ok<FundingReport>, ValidationProblem>> (string? stream, string? from, string? to,
                IQuerySession session, TenantDatabases databases, HttpContext http, CancellationToken cancellationToken) =>
            {
                var (report, errors) = await ReadAsync(stream, from, to, session, databases, http.Now(), cancellationToken);
                return report is null ? errors.ToProblem() : TypedResults.Ok(report);
            })
            .WithName("GetFundingReport")
            .WithTags("Funding")
            .RequireAuthorization(ReferralsRoles.Coordination);

        endpoints.MapGet("/reports/funding.csv", async Task<Results<ContentHttpResult, ValidationProblem>> (string? stream, string? from, string? to,
                IQuerySession session, TenantDatabases databases, HttpContext http, CancellationToken cancellationToken) =>
            {
                var (report, errors) = await ReadAsync(stream, from, to, session, databases, http.Now(), cancellationToken);
                return report is null ? errors.ToProblem() : TypedResults.Text(ToCsv(report), "text/csv; charset=utf-8");
            })
            .WithName("GetFundingReportCsv")
            .WithTags("Funding")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<string>(contentType: "text/csv");
        return endpoints;
    }

    private static async Task<(FundingReport? Report, FieldErrors Errors)> ReadAsync(string? code, string? from, string? to, IQuerySession session,
        TenantDatabases databases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (fromDate, toDate) = errors.ReportingPeriod(from, to);
        FundingStream? stream = null;
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Required("stream", "Name the funding stream to report on (its code).");
        }
        else if ((stream = await FundingStreamCodes.FindAsync<FundingStream>(session, code, cancellationToken)) is null)
        {
            errors.Add("stream", FundingStreams.NoSuchStream, FundingStreamCodes.UnknownFundingStream);
        }

        if (errors.Any || stream is null)
        {
            return (null, errors);
        }

        var period = (From: fromDate ?? stream.StartsOn, To: toDate ?? stream.EndsOn);
        if (period.From > period.To)
        {
            errors.Add(fromDate is null ? "to" : "from", $"The stream runs from {stream.StartsOn:yyyy-MM-dd} to {stream.EndsOn:yyyy-MM-dd}: give both dates.");
            return (null, errors);
        }

        var facts = new FactReader(await databases.ForAsync(session.TenantId), session.DocumentStore.Options.DatabaseSchemaName, session.TenantId, stream.Id, period.From, period.To);
        var referralIds = await facts.ReferralIdsAsync(cancellationToken);
        var referrals = (await session.LoadManyAsync<Referral>(cancellationToken, referralIds)).ToList();
        return (new FundingReport(
            FundingStreamView.Of(stream),
            period.From,
            period.To,
            new ReportCount(await facts.CountAsync("count(distinct person)", kind: null, cancellationToken)),
            Largest(await facts.BeneficiariesByAsync("nationality", cancellationToken), row => row.Beneficiaries, row => row.Value),
            Largest(await facts.BeneficiariesByAsync("sex", cancellationToken), row => row.Beneficiaries, row => row.Value),
            await facts.AgeBandsAsync(cancellationToken),
            Tally(referrals, referral => VocabularyNames.Name(referral.Status)),
            Tally(referrals, referral => VocabularyNames.Name(referral.Category)),
            Tally(referrals.Where(referral => referral.Outcome is not null), referral => VocabularyNames.Name(referral.Outcome!.Value)),
            new ReportCount(await facts.CountAsync("count(*)", FundedActivity.PlanGoal, cancellationToken)),
            Largest(await facts.MediatorHoursAsync(cancellationToken), row => row.Bookings, row => row.Language),
            Largest(referrals.GroupBy(referral => referral.OrganisationId)
                    .Select(organisation => new PartnerInvolved(organisation.Key, organisation.Last().OrganisationName,
                        [.. organisation.Select(referral => VocabularyNames.Name(referral.Category)).Distinct().Order(StringComparer.Ordinal)],
                        new ReportCount(organisation.LongCount()))),
                partner => partner.Referrals, partner => partner.Name),
            now), errors);
    }

    private static List<ReferralsBy> Tally(IEnumerable<Referral> referrals, Func<Referral, string> value) =>
        Largest(referrals.GroupBy(value).Select(group => new ReferralsBy(group.Key, new ReportCount(group.LongCount()))), row => row.Referrals,
            row => row.Value);

    /// <summary>Largest first, then the suppressed ones by name, so that the order does not tell one small cell from another.</summary>
    private static List<T> Largest<T>(IEnumerable<T> rows, Func<T, ReportCount> count, Func<T, string> name) =>
    [
        .. rows.OrderBy(row => count(row).IsSuppressed).ThenByDescending(row => count(row).IsSuppressed ? 0 : count(row).Value)
            .ThenBy(name, StringComparer.Ordinal),
    ];

    /// <summary>The report's counts over one stream's facts in a period; a record merged into another counts as the survivor (<c>person</c>).</summary>
    /// <summary>The facts of one tenant's stream over the period, with the person each counts for.</summary>
    private sealed class FactReader(NpgsqlDataSource dataSource, string schema, string tenant, Guid streamId, DateOnly from, DateOnly to)
    {
        private string Facts =>
            $"""
            select fact.*, coalesce(merged.merged_into, fact.client_id) as person
            from {schema}.{FundingReportProjection.FactTable} fact
            left join {schema}.{FundingReportProjection.PeopleTable} merged on merged.tenant_id = fact.tenant_id and merged.client_id = fact.client_id
            where fact.tenant_id = $4 and fact.stream_id = $1 and fact.day between $2 and $3
            """;

        public async Task<IReadOnlyList<Guid>> ReferralIdsAsync(CancellationToken cancellationToken) =>
            await ReadAsync($"select activity_id from ({Facts}) f where kind = '{FundedActivity.Referral}'", reader => reader.GetGuid(0), cancellationToken);

        public async Task<long> CountAsync(string aggregate, string? kind, CancellationToken cancellationToken) =>
            (await ReadAsync($"select {aggregate} from ({Facts}) f" + (kind is null ? "" : $" where kind = '{kind}'"), reader => reader.GetInt64(0),
                cancellationToken))[0];

        /// <summary>Distinct people by a column of <see cref="FundingReportProjection.PeopleTable"/> (what the survivor of a merge says).</summary>
        public async Task<IReadOnlyList<BeneficiariesBy>> BeneficiariesByAsync(string column, CancellationToken cancellationToken) =>
            await ReadAsync(
                $"""
                select coalesce(person.{column}, '{FundingReportProjection.Unknown}') as value, count(*) as beneficiaries
                from (select distinct person from ({Facts}) f) reached
                left join {schema}.{FundingReportProjection.PeopleTable} person on person.tenant_id = $4 and person.client_id = reached.person
                group by 1
                """,
                reader => new BeneficiariesBy(reader.GetString(0), new ReportCount(reader.GetInt64(1))), cancellationToken);

        /// <summary>Each person in the band of their first funded activity in the period, so that everyone counts once.</summary>
        public async Task<IReadOnlyList<BeneficiariesBy>> AgeBandsAsync(CancellationToken cancellationToken) =>
            await ReadAsync(
                $"""
                select age_band, count(*) from (select distinct on (person) person, age_band from ({Facts}) f order by person, day, activity_id) first
                group by 1 order by 1
                """,
                reader => new BeneficiariesBy(reader.GetString(0), new ReportCount(reader.GetInt64(1))), cancellationToken);

        public async Task<IReadOnlyList<MediatorHours>> MediatorHoursAsync(CancellationToken cancellationToken) =>
            await ReadAsync(
                $"""
                select coalesce(language, ''), sum(minutes), count(*) from ({Facts}) f where kind = '{FundedActivity.Booking}'
                group by 1
                """,
                reader => new MediatorHours(reader.GetString(0), Math.Round(reader.GetInt64(1) / 60.0, 1), new ReportCount(reader.GetInt64(2))),
                cancellationToken);

        private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            command.Parameters.Add(new NpgsqlParameter { Value = from });
            command.Parameters.Add(new NpgsqlParameter { Value = to });
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    /// <summary>One row per figure: <c>section,value,count</c>, the stream and period first; suppressed counts as <c>&lt;5</c>.</summary>
    public static string ToCsv(FundingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        CsvRows.Append(csv, ["section", "value", "count", "hours"]);
        CsvRows.Append(csv, ["stream", report.Stream.Code, "", ""]);
        CsvRows.Append(csv, ["from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "", ""]);
        CsvRows.Append(csv, ["to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "", ""]);
        CsvRows.Append(csv, ["beneficiaries", "", report.Beneficiaries.ToString(), ""]);
        Rows("nationality", report.ByNationality.Select(row => (row.Value, row.Beneficiaries)));
        Rows("sex", report.BySex.Select(row => (row.Value, row.Beneficiaries)));
        Rows("age_band", report.ByAgeBand.Select(row => (row.Value, row.Beneficiaries)));
        Rows("referral_status", report.ReferralsByStatus.Select(row => (row.Value, row.Referrals)));
        Rows("category", report.ByCategory.Select(row => (row.Value, row.Referrals)));
        Rows("outcome", report.Outcomes.Select(row => (row.Value, row.Referrals)));
        CsvRows.Append(csv, ["plan_goals_achieved", "", report.PlanGoalsAchieved.ToString(), ""]);
        foreach (var language in report.MediatorHoursByLanguage)
        {
            CsvRows.Append(csv, ["mediator_hours", language.Language, language.Bookings.ToString(),
                language.Hours.ToString("0.0", CultureInfo.InvariantCulture)]);
        }

        Rows("partner", report.Partners.Select(partner => (partner.Name, partner.Referrals)));
        return csv.ToString();

        void Rows(string section, IEnumerable<(string Value, ReportCount Count)> rows)
        {
            foreach (var (value, count) in rows)
            {
                CsvRows.Append(csv, [section, value, count.ToString(), ""]);
            }
        }
    }
}
