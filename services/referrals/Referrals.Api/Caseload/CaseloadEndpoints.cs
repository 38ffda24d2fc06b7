using Integration.Referrals.Access;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Caseload;

internal static class CaseloadEndpoints
{
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
        var (fromDate, toDate) = errors.ReportingPeriod(from, to);
        var requestingOffice = errors.OfficeFilter(office);
        var wanted = QueryParameters.Vocabulary<NeedDomain>("category", category, errors);
        return (new CaseloadFilter(fromDate, toDate, requestingOffice, wanted), errors);
    }
}
