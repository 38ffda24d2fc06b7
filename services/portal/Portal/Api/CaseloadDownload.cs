using Integration.Vocabulary;

namespace Integration.Portal.Api;

/// <summary><c>/download/caseload.csv</c>: the coordinator's CSV, fetched with their token and streamed to the browser.</summary>
public static class CaseloadDownload
{
    public static IEndpointRouteBuilder MapCaseloadDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/download/caseload.csv", async (DateOnly? from, DateOnly? to, string? office, string? category, ReferralsApi referrals,
                HttpContext http, CancellationToken cancellationToken) =>
            {
                NeedDomain? domain = Enum.TryParse<NeedDomain>(category?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
                    ? parsed
                    : null;
                using var response = await referrals.CaseloadCsvAsync(new CaseloadQuery(from, to, office, domain), cancellationToken);
                http.Response.StatusCode = (int)response.StatusCode;
                http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/csv";
                http.Response.Headers.ContentDisposition = "attachment; filename=caseload.csv";
                await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        return endpoints;
    }
}
