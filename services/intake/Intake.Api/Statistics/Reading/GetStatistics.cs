using Marten;
using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Integration.Intake.Statistics.Reading;

public sealed record DomainCount(string Domain, long Count);

public sealed record OutcomeCount(string Outcome, long Count);

/// <summary>
/// A coordinator's figures for a period (both days included, UTC; all time without one) and one office or all: people registered,
/// needs recorded per domain, needs met (in full or in part) without any referral, cases closed per outcome; and, as of now,
/// the active consents that expire within 30 days (someone should ask the person to renew them).
/// </summary>
public sealed record StatisticsView(
    DateOnly? From,
    DateOnly? To,
    string? Office,
    long Registrations,
    IReadOnlyList<DomainCount> NeedsByDomain,
    long NeedsResolvedAtDesk,
    IReadOnlyList<OutcomeCount> CasesClosedByOutcome,
    long ConsentsExpiringWithin30Days);

internal sealed record StatisticsFilter(DateOnly? From, DateOnly? To, string? Office);

/// <summary>
/// <c>GET /statistics?from=&amp;to=&amp;office=</c>: read from <see cref="StatisticsProjection"/>'s facts in one
/// statement (an index on office and day keeps it to the period's rows) and from the consents' deadlines.
/// A coordinator's: a period of one day at one office can come down to one person, so the figures stay with the role that may read the cases.
/// </summary>
internal static class GettingStatistics
{
    public const int ExpiryWindowDays = 30;

    public static RouteHandlerBuilder MapGetStatistics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/statistics", HandleAsync)
            .WithName("GetStatistics")
            .WithTags("Statistics")
            .RequireAuthorization(IntakeRoles.Statistics);

    public static (StatisticsFilter Filter, FieldErrors Errors) Parse(string? from, string? to, string? office)
    {
        var errors = new FieldErrors();
        var (fromDate, toDate) = errors.ReportingPeriod(from, to);
        return (new StatisticsFilter(fromDate, toDate, errors.OfficeFilter(office)), errors);
    }

    private static async Task<Results<Ok<StatisticsView>, ValidationProblem>> HandleAsync(string? from, string? to, string? office,
        StatisticsQuery statistics, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (filter, errors) = Parse(from, to, office);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await statistics.ReadAsync(session.TenantId, filter, clock.GetUtcNow(), cancellationToken));
    }
}

/// <summary>Runs the statistics' one statement; see <see cref="GettingStatistics"/>.</summary>
internal sealed class StatisticsQuery(TenantDatabases databases, string schema)
{
    /// <summary>The outcomes that say the desk met the need (in full or in part): a need closed as not met, no longer needed or sent elsewhere was not.</summary>
    private static readonly string MetOutcomes = string.Join("', '", new[] { NeedOutcome.Met, NeedOutcome.PartiallyMet }.Select(outcome => VocabularyNames.Name(outcome)));

    /// <summary>The figures of one tenant (a store's tenant id).</summary>
    public async Task<StatisticsView> ReadAsync(string tenant, StatisticsFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var command = dataSource.CreateCommand(
            $"""
            with period as (
                select kind, key, subject from {schema}.{StatisticsProjection.FactTable}
                where tenant_id = $6 and ($1::text is null or office = $1) and ($2::date is null or day >= $2) and ($3::date is null or day <= $3))
            select kind, key, count(*) from period where kind <> '{StatisticsProjection.ResolvedNeedKind}' group by kind, key
            union all
            select 'resolved_at_desk', '', count(*) from period f
            where f.kind = '{StatisticsProjection.ResolvedNeedKind}' and f.key in ('{MetOutcomes}')
              and not exists (select 1 from {schema}.mt_doc_referredneed r where r.tenant_id = $6 and r.id = f.subject)
            union all
            select 'consents_expiring', '', count(*) from {schema}.mt_doc_consentdeadline d
            left join {schema}.{StatisticsProjection.ClientTable} c on c.tenant_id = d.tenant_id and c.client_id = d.client_id
            where d.tenant_id = $6 and d.expires_at > $4 and d.expires_at <= $5 and ($1::text is null or c.office = $1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Office ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now.AddDays(GettingStatistics.ExpiryWindowDays) });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });

        long registrations = 0, resolvedAtDesk = 0, expiring = 0;
        var needs = new List<DomainCount>();
        var closed = new List<OutcomeCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (kind, key, count) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            switch (kind)
            {
                case StatisticsProjection.RegistrationKind:
                    registrations = count;
                    break;
                case StatisticsProjection.NeedKind:
                    needs.Add(new DomainCount(key, count));
                    break;
                case StatisticsProjection.ClosedCaseKind:
                    closed.Add(new OutcomeCount(key, count));
                    break;
                case "resolved_at_desk":
                    resolvedAtDesk = count;
                    break;
                case "consents_expiring":
                    expiring = count;
                    break;
            }
        }

        return new StatisticsView(filter.From, filter.To, filter.Office, registrations,
            [.. needs.OrderByDescending(need => need.Count).ThenBy(need => need.Domain, StringComparer.Ordinal)], resolvedAtDesk,
            [.. closed.OrderByDescending(outcome => outcome.Count).ThenBy(outcome => outcome.Outcome, StringComparer.Ordinal)], expiring);
    }
}
