using System.Globalization;
using System.Text;
using Integration.Eventing;
using Integration.Referrals.Clients;
using Integration.Referrals.Directory;
using Integration.Referrals.Referrals;
using Marten;
using Npgsql;

namespace Integration.Referrals.Caseload;

public sealed record CaseloadFilter(DateOnly? From, DateOnly? To, string? Office, NeedDomain? Category);

/// <summary>Counts for one slice of the caseload (a category, an organisation, an office, or all).</summary>
public sealed record CaseloadFigures(
    long Total, IReadOnlyDictionary<string, long> ByStatus, long Accepted, long Declined, double? AcceptanceRate, double? MedianHoursToAccept);

public sealed record CategoryFigures(NeedDomain Category, CaseloadFigures Figures);

public sealed record OrganisationFigures(Guid OrganisationId, string Name, CaseloadFigures Figures);

public sealed record OfficeFigures(string Office, CaseloadFigures Figures);

public sealed record OverdueReferral(
    Guid ReferralId, Guid OrganisationId, string OrganisationName, Guid ServiceId, string ServiceName, NeedDomain Category, string Office,
    Priority Urgency, DateTimeOffset CreatedAt, DateTimeOffset ResponseDueAt, double HoursOverdue)
{
    /// <summary>The client the referral is for, so a screen can open the record.</summary>
    public Guid ClientId { get; init; }

    /// <summary>
    /// The client's name, for a coordinator who has to chase the referral (absent for other
    /// readers and once the client is erased); each name shown is recorded as a read of the client.
    /// </summary>
    public string? ClientName { get; init; }
}

public sealed record OverdueList(long Total, IReadOnlyList<OverdueReferral> Items);

internal sealed record CaseloadView(
    CaseloadFilter Filter, CaseloadFigures Totals, IReadOnlyList<CategoryFigures> ByCategory, IReadOnlyList<OrganisationFigures> ByOrganisation,
    IReadOnlyList<OfficeFigures> ByOffice, OverdueList Overdue, DateTimeOffset GeneratedAt);

/// <summary>
/// Reads the caseload from <see cref="CaseloadProjection"/>'s counters. Cost per request: one
/// grouped read of <c>caseload_counters_v4</c> (rows per period × office × category × organisation × status,
/// overdue counts included) and one of <c>caseload_answer_times_v4</c> (a histogram per period × office ×
/// category × organisation × answer; unfiltered, one per slice) over the periods of <see cref="CaseloadPeriods"/>, however many
/// referrals there are, plus an indexed read of the <see cref="MaxOverdueListed"/> longest overdue referrals.
/// </summary>
internal sealed class CaseloadReport(TenantDatabases databases, string schema)
{
    public const int MaxOverdueListed = 200;

    private sealed record CountRow(string Office, string Category, Guid OrganisationId, string Status, long Referrals, long Overdue);

    private sealed record AnswerRow(string Office, string Category, Guid OrganisationId, string Response, long[] Buckets)
    {
        public long Referrals => Buckets.Sum();
    }

    /// <summary>The answers each slice of the report adds up: the same rows for every slice, or the all-time slice rows.</summary>
    private sealed record AnswerSlices(
        IReadOnlyList<AnswerRow> Total, IReadOnlyList<AnswerRow> ByCategory, IReadOnlyList<AnswerRow> ByOrganisation, IReadOnlyList<AnswerRow> ByOffice)
    {
        public static AnswerSlices Same(IReadOnlyList<AnswerRow> rows) => new(rows, rows, rows, rows);
    }

    public async Task<CaseloadView> ReadAsync(CaseloadFilter filter, IQuerySession session, DateTimeOffset now, CancellationToken cancellationToken,
        bool withClientNames = false)
    {
        var counts = await ReadRowsAsync(session.TenantId, CaseloadProjection.CountTable, "status", ["referrals", "overdue"], filter,
            reader => new CountRow(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetInt64(5)),
            cancellationToken);
        var answers = filter is { From: null, To: null, Office: null, Category: null }
            ? await ReadAllTimeAnswersAsync(session.TenantId, cancellationToken)
            : AnswerSlices.Same(await ReadRowsAsync(session.TenantId, CaseloadProjection.AnswerTable, "response", ["buckets"], filter, ReadAnswer,
                cancellationToken));

        var organisationIds = counts.Select(row => row.OrganisationId).Distinct().ToArray();
        var names = (await session.LoadManyAsync<Organisation>(cancellationToken, organisationIds))
            .ToDictionary(organisation => organisation.Id, organisation => organisation.Name);

        return new CaseloadView(
            filter,
            Figures(counts, answers.Total),
            [.. Slices(counts, answers.ByCategory, row => row.Category, row => row.Category)
                .OrderBy(slice => slice.Key, StringComparer.Ordinal)
                .Select(slice => new CategoryFigures(Category(slice.Key), slice.Figures))],
            [.. Slices(counts, answers.ByOrganisation, row => row.OrganisationId, row => row.OrganisationId)
                .Select(slice => new OrganisationFigures(slice.Key, names.GetValueOrDefault(slice.Key, ""), slice.Figures))
                .OrderBy(organisation => organisation.Name, StringComparer.CurrentCulture)],
            [.. Slices(counts, answers.ByOffice, row => row.Office, row => row.Office)
                .OrderBy(slice => slice.Key, StringComparer.Ordinal)
                .Select(slice => new OfficeFigures(slice.Key, slice.Figures))],
            await OverdueAsync(filter, counts.Sum(row => row.Overdue), session, now, withClientNames, cancellationToken),
            now);
    }

    /// <summary>
    /// The median of a histogram of response times in tenths of an hour, in hours; null when empty.
    /// At the resolution of <see cref="CaseloadProjection"/>'s buckets (6 minutes below 2 hours).
    /// </summary>
    public static double? MedianHours(IReadOnlyList<(int TenthHours, long Count)> histogram)
    {
        var sorted = histogram.Where(bucket => bucket.Count > 0).OrderBy(bucket => bucket.TenthHours).ToList();
        var total = sorted.Sum(bucket => bucket.Count);
        if (total == 0)
        {
            return null;
        }

        return (At((total - 1) / 2) + At(total / 2)) / 20.0;

        int At(long position)
        {
            foreach (var (tenthHours, count) in sorted)
            {
                if (position < count)
                {
                    return tenthHours;
                }

                position -= count;
            }

            throw new InvalidOperationException("Position beyond the histogram.");
        }
    }

    /// <summary>
    /// Spreadsheet form: one row per slice, one column per current status, then the first answers
    /// (<c>answered_accepted</c> counts completed referrals too, which were accepted once).
    /// </summary>
    public static string ToCsv(CaseloadView view)
    {
        var statuses = Enum.GetValues<ReferralStatus>().Select(VocabularyNames.Name).ToList();
        var csv = new StringBuilder();
        CsvRows.Append(csv, ["dimension", "key", "name", "total", .. statuses, "answered_accepted", "answered_declined", "acceptance_rate",
            "median_hours_to_accept"]);
        Append("all", "", "", view.Totals);
        foreach (var category in view.ByCategory)
        {
            Append("category", VocabularyNames.Name(category.Category), "", category.Figures);
        }

        foreach (var organisation in view.ByOrganisation)
        {
            Append("organisation", organisation.OrganisationId.ToString(), organisation.Name, organisation.Figures);
        }

        foreach (var office in view.ByOffice)
        {
            Append("office", office.Office, "", office.Figures);
        }

        CsvRows.Append(csv, ["overdue", "", "", view.Overdue.Total.ToString(CultureInfo.InvariantCulture)]);
        return csv.ToString();

        void Append(string dimension, string key, string name, CaseloadFigures figures) =>
            CsvRows.Append(csv, [dimension, key, name, Number(figures.Total), .. statuses.Select(status => Number(figures.ByStatus.GetValueOrDefault(status))),
                Number(figures.Accepted), Number(figures.Declined), Decimal(figures.AcceptanceRate), Decimal(figures.MedianHoursToAccept)]);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The figures per value of one dimension, in one pass over the rows.</summary>
    private static IEnumerable<(TKey Key, CaseloadFigures Figures)> Slices<TKey>(List<CountRow> counts, IReadOnlyList<AnswerRow> responses,
        Func<CountRow, TKey> countKey, Func<AnswerRow, TKey> responseKey)
    {
        var answers = responses.ToLookup(responseKey);
        return counts.GroupBy(countKey).Select(group => (group.Key, Figures(group, answers[group.Key])));
    }

    private static CaseloadFigures Figures(IEnumerable<CountRow> counts, IEnumerable<AnswerRow> responses)
    {
        var byStatus = counts.GroupBy(row => row.Status).ToDictionary(group => group.Key, group => group.Sum(row => row.Referrals), StringComparer.Ordinal);
        var answers = responses.ToList();
        var accepted = new long[CaseloadProjection.AnswerBuckets];
        foreach (var row in answers.Where(row => row.Response == "accepted"))
        {
            for (var bucket = 0; bucket < Math.Min(accepted.Length, row.Buckets.Length); bucket++)
            {
                accepted[bucket] += row.Buckets[bucket];
            }
        }

        var acceptedCount = accepted.Sum();
        var declinedCount = answers.Where(row => row.Response == "declined").Sum(row => row.Referrals);
        var answered = acceptedCount + declinedCount;
        return new CaseloadFigures(byStatus.Values.Sum(), byStatus, acceptedCount, declinedCount,
            answered == 0 ? null : Math.Round((double)acceptedCount / answered, 4),
            MedianHours([.. accepted.Select((count, bucket) => (CaseloadProjection.BucketStart(bucket), count))]));
    }

    private static NeedDomain Category(string name) =>
        VocabularyNames.TryParse<NeedDomain>(name, out var category) ? category : NeedDomain.Other;

    private static AnswerRow ReadAnswer(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<long[]>(4));

    /// <summary>
    /// The unfiltered report's answers: the projection's all-time histograms per office, category,
    /// organisation and in total, one per slice and answer (196 arrays where the keys'
    /// histograms were 1,728 at 200,000 referrals), instead of every key's to be added up here.
    /// </summary>
    private async Task<AnswerSlices> ReadAllTimeAnswersAsync(string tenant, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var command = dataSource.CreateCommand(
            $"""
            select period, office, category, organisation_id, response, buckets from {schema}.{CaseloadProjection.AnswerTable}
            where tenant_id = @tenant and period = any(@slices)
            """);
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlTypes.NpgsqlDbType.Text) { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter("slices", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = new[] { CaseloadProjection.TotalSlice, CaseloadProjection.CategorySlice, CaseloadProjection.OrganisationSlice, CaseloadProjection.OfficeSlice },
        });
        var rows = new List<(string Slice, AnswerRow Row)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), new AnswerRow(reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4),
                    reader.GetFieldValue<long[]>(5))));
            }
        }

        IReadOnlyList<AnswerRow> Of(string slice) => [.. rows.Where(row => row.Slice == slice).Select(row => row.Row)];
        return new AnswerSlices(Of(CaseloadProjection.TotalSlice), Of(CaseloadProjection.CategorySlice), Of(CaseloadProjection.OrganisationSlice),
            Of(CaseloadProjection.OfficeSlice));
    }

    /// <summary>
    /// Reads the counters of <paramref name="table"/> over the periods of the filter: the dimensions,
    /// <paramref name="measure"/> and the <paramref name="values"/>, summed per key when the filter spans
    /// several kinds of period (histograms, <c>buckets</c>, are added up by the caller). One branch per kind of period,
    /// each a range on the primary key's leading columns (tenant, period, period_start), so only the needed rows are read.
    /// </summary>
    private async Task<List<T>> ReadRowsAsync<T>(string tenant, string table, string measure, IReadOnlyList<string> values, CaseloadFilter filter,
        Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var periods = CaseloadPeriods.For(filter.From, filter.To);
        var ranges = new List<(string Period, DayRange? Range)>();
        if (periods.AllTime)
        {
            ranges.Add(("a", null));
        }

        if (periods.Months is { } months)
        {
            ranges.Add(("m", months));
        }

        ranges.AddRange(periods.Days.Select(days => ("d", (DayRange?)days)));

        var dataSource = await databases.ForAsync(tenant);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlTypes.NpgsqlDbType.Text) { Value = tenant });
        var branches = new List<string>();
        foreach (var (period, range) in ranges)
        {
            var index = branches.Count;
            command.Parameters.Add(new NpgsqlParameter($"period{index}", NpgsqlTypes.NpgsqlDbType.Text) { Value = period });
            var condition = $"tenant_id = @tenant and period = @period{index}";
            if (range is not null)
            {
                command.Parameters.Add(new NpgsqlParameter($"from{index}", NpgsqlTypes.NpgsqlDbType.Date) { Value = range.From });
                command.Parameters.Add(new NpgsqlParameter($"to{index}", NpgsqlTypes.NpgsqlDbType.Date) { Value = range.To });
                condition += $" and period_start between @from{index} and @to{index}";
            }

            branches.Add($"select office, category, organisation_id, {measure}, {string.Join(", ", values)} from {schema}.{table} where {condition}");
        }

        var dimensions = new List<string>();
        if (filter.Office is { } office)
        {
            command.Parameters.Add(new NpgsqlParameter("office", NpgsqlTypes.NpgsqlDbType.Text) { Value = office });
            dimensions.Add("office = @office");
        }

        if (filter.Category is { } category)
        {
            command.Parameters.Add(new NpgsqlParameter("category", NpgsqlTypes.NpgsqlDbType.Text) { Value = VocabularyNames.Name(category) });
            dimensions.Add("category = @category");
        }

        var filters = string.Concat(dimensions.Select(dimension => $" and {dimension}"));
        // One kind of period holds each key once: no need to add up. A key whose referrals all moved on counts 0 and is left out.
        command.CommandText = (branches.Count, values) switch
        {
            (_, ["buckets"]) => $"select * from ({string.Join(" union all ", branches)}) counters where true{filters}",
            (1, _) => $"select * from ({branches[0]}) counters where {values[0]} <> 0{filters}",
            _ => $"""
                select office, category, organisation_id, {measure}, {string.Join(", ", values.Select(value => $"sum({value})::bigint"))}
                from ({string.Join(" union all ", branches)}) counters where true{filters}
                group by office, category, organisation_id, {measure}
                having sum({values[0]}) <> 0
                """,
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// The longest overdue referrals, from the referral documents along their due time, next to the count the
    /// counters keep (<paramref name="total"/>): counting them in the documents grew with the overdue referrals.
    /// </summary>
    private static async Task<OverdueList> OverdueAsync(CaseloadFilter filter, long total, IQuerySession session, DateTimeOffset now,
        bool withClientNames, CancellationToken cancellationToken)
    {
        var query = session.Query<Referral>().Where(referral => referral.Status == ReferralStatus.Sent && referral.IsOverdue);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(referral => referral.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(referral => referral.CreatedAt < end);
        }

        if (filter.Office is { } office)
        {
            query = query.Where(referral => referral.Office == office);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(referral => referral.Category == category);
        }

        var oldest = await query.OrderBy(referral => referral.ResponseDueAt).Take(MaxOverdueListed).ToListAsync(cancellationToken);
        var names = withClientNames && oldest.Count > 0
            ? (await session.LoadManyAsync<ClientReference>(cancellationToken, oldest.Select(referral => referral.ClientId).Distinct()))
                .Where(client => client.ErasedAt is null)
                .ToDictionary(client => client.Id, client => $"{client.GivenName} {client.FamilyName}")
            : [];
        return new OverdueList(total, [.. oldest.Select(referral => new OverdueReferral(referral.Id, referral.OrganisationId,
            referral.OrganisationName, referral.ServiceId, referral.ServiceName, referral.Category, referral.Office, referral.Urgency,
            referral.CreatedAt, referral.ResponseDueAt, Math.Round((now - referral.ResponseDueAt).TotalHours, 1))
        {
            ClientId = referral.ClientId,
            ClientName = names.GetValueOrDefault(referral.ClientId),
        })]);
    }
}
