using Integration.Referrals.Access;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Caseload;

internal static class CaseloadEndpoints
{
    private const int MaxOfficeLength = 200;
    private const int FirstReportableYear = 1900;
    private const int LastReportableYear = 2999;

    public static IEndpointRouteBuilder MapCaseload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/caseload", async Task<Results<Ok<CaseloadView>, ValidationProblem>> (string? from, string? to, string? office, string? category, CaseloadReport report,
                IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
            {
                var (filter, errors) = Parse(from, to, office, category);
                return errors.Any
                    ? errors.ToProblem()
                    : TypedResults.Ok(await report.ReadAsync(filter, session, http.Now(), cancellationToken,
                        withClientNames: http.User.IsInRole("coordinator")));
            })
            .RecordsClientDataReads()
            .WithName("GetCaseload")
            .WithTags("Caseload")
            .RequireAuthorization(ReferralsRoles.Coordination);

        endpoints.MapGet("/caseload.csv", async Task<Results<ContentHttpResult, ValidationProblem>> (string? from, string? to, string? office, string? category, CaseloadReport report,
                IQuerySession session, HttpContext http, CancellationToken cancellationToken) =>
            {
                var (filter, errors) = Parse(from, to, office, category);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }

                var view = await report.ReadAsync(filter, session, http.Now(), cancellationToken);
                return TypedResults.Text(CaseloadReport.ToCsv(view), "text/csv; charset=utf-8");
            })
            .WithName("GetCaseloadCsv")
            .WithTags("Caseload")
            .RequireAuthorization(ReferralsRoles.Coordination)
            .Produces<string>(contentType: "text/csv");
        return endpoints;
    }

    public static (CaseloadFilter Filter, FieldErrors Errors) Parse(string? from, string? to, string? office, string? category)
    {
        var errors = new FieldErrors();
        var fromDate = WithinReportableYears(errors, "from", errors.OptionalDate("from", from));
        var toDate = WithinReportableYears(errors, "to", errors.OptionalDate("to", to));
        if (fromDate > toDate)
        {
            errors.Add("to", "On or after from.");
        }

        errors.OptionalText("office", office, MaxOfficeLength);
        var wanted = QueryParameters.Vocabulary<NeedDomain>("category", category, errors);
        return (new CaseloadFilter(fromDate, toDate, string.IsNullOrWhiteSpace(office) ? null : office.Trim(), wanted), errors);
    }

    /// <summary>A period starts and ends between 1900 and 2999: the report's month arithmetic stays far from the calendar's ends.</summary>
    private static DateOnly? WithinReportableYears(FieldErrors errors, string field, DateOnly? date)
    {
        if (date is { Year: < FirstReportableYear or > LastReportableYear })
        {
            errors.Add(field, $"Between {FirstReportableYear}-01-01 and {LastReportableYear}-12-31.");
            return null;
        }

        return date;
    }
}
