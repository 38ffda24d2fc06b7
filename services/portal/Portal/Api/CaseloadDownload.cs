
namespace Integration.Portal.Api;

/// <summary><c>/download/caseload.csv</c>: the coordinator's CSV, fetched with their token and streamed to the browser.</summary>
public static class CaseloadDownload
{
    public static IEndpointRouteBuilder MapCaseloadDownload(this IEndpointRouteBuilder endpoints)
    {
        // The filters go to the API as the browser sent them, so a bad one is the API's 400, not silently dropped.
        endpoints.MapGet("/download/caseload.csv", async (ReferralsApi referrals, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await referrals.CaseloadCsvAsync(http.Request.QueryString.Value ?? "", cancellationToken);
                http.Response.StatusCode = (int)response.StatusCode;
                http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/csv";
                if (response.IsSuccessStatusCode)
                {
                    http.Response.Headers.ContentDisposition = "attachment; filename=caseload.csv";
                }

                await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        return endpoints;
    }
}
