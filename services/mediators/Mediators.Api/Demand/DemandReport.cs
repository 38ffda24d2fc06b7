using Marten;
using Integration.Eventing;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Mediators.Demand;

/// <summary>
/// One language and specialism over the range: how many requests came, how many got a mediator,
/// how many never did (unmet demand, including those cancelled while still unfilled), and the
/// hours delivered by completed bookings.
/// </summary>
public sealed record DemandRow(
    string Language, string? LanguageName, Specialism? Specialism, long Requests, long Filled, long Unfilled, long Completed, long NoShows,
    long Cancelled, decimal HoursDelivered);

/// <summary>The demand of a period (all time without one), of one requesting office or of all (<see cref="Office"/> null).</summary>
internal sealed record DemandView(DateOnly? From, DateOnly? To, IReadOnlyList<DemandRow> Rows, DemandRow Totals)
{
    public string? Office { get; init; }
}

internal sealed class DemandReport(TenantDatabases databases, string schema)
{
    /// <summary>
    /// Groups the projection's rows of the range (index on the start day); its cost grows with the
    /// bookings in the range, never with all bookings.
    /// </summary>
    public async Task<DemandView> ReadAsync(string tenant, DateOnly? from, DateOnly? to, string? language, string? office, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var command = dataSource.CreateCommand(
            $"""
            select language, specialism, count(*),
                   count(*) filter (where assigned),
                   count(*) filter (where not assigned),
                   count(*) filter (where status = 'completed'),
                   count(*) filter (where status = 'no_show'),
                   count(*) filter (where status = 'cancelled'),
                   coalesce(sum(actual_minutes) filter (where status = 'completed'), 0)
            from {schema}.{DemandProjection.Table}
            where tenant_id = @tenant and (@from::date is null or start_day >= @from) and (@to::date is null or start_day <= @to)
              and (@language::text is null or language = @language) and (@office::text is null or office = @office)
            group by language, specialism
            order by count(*) filter (where not assigned) desc, count(*) desc, language, specialism
            """);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)from ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)to ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("language", NpgsqlDbType.Text) { Value = (object?)language ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("office", NpgsqlDbType.Text) { Value = (object?)office ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Text) { Value = tenant });
        var rows = new List<DemandRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = reader.GetString(0);
                var specialism = reader.GetString(1);
                rows.Add(new DemandRow(code, IsoCodes.LanguageName(code),
                    VocabularyNames.TryParse<Specialism>(specialism, out var parsed) ? parsed : null,
                    reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                    Hours(reader.GetInt64(8))));
            }
        }

        var totals = new DemandRow("all", null, null, rows.Sum(row => row.Requests), rows.Sum(row => row.Filled), rows.Sum(row => row.Unfilled),
            rows.Sum(row => row.Completed), rows.Sum(row => row.NoShows), rows.Sum(row => row.Cancelled), rows.Sum(row => row.HoursDelivered));
        return new DemandView(from, to, rows, totals) { Office = office };
    }

    private static decimal Hours(long minutes) => Math.Round(minutes / 60m, 2);
}

internal static class DemandEndpoints
{
    public static IEndpointRouteBuilder MapDemand(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/demand", async Task<Results<Ok<DemandView>, ValidationProblem>> (string? from, string? to, string? language, string? office,
                DemandReport report, IQuerySession session, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                var (fromDate, toDate) = errors.ReportingPeriod(from, to);

                if (language is not null && !IsoCodes.IsLanguage(language))
                {
                    errors.Add("language", IsoCodes.NotALanguage, FieldErrorCodes.NotALanguage);
                }

                var requestingOffice = errors.OfficeFilter(office);
                return errors.Any
                    ? errors.ToProblem()
                    : TypedResults.Ok(await report.ReadAsync(session.TenantId, fromDate, toDate, language, requestingOffice, cancellationToken));
            })
            .WithName("GetDemand")
            .WithTags("Demand")
            .RequireAuthorization(MediatorsRoles.Coordination);
        return endpoints;
    }
}
