using Integration.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Api;

/// <summary>
/// Files a coordinator downloads, fetched from the API with their token and streamed to the browser:
/// <c>/download/caseload.csv</c> (the caseload, with the dashboard's filters), <c>/download/funding.csv</c> (a funders' report) and
/// <c>/download/clients/{id}/export.json</c> (everything held about one person, for a subject access request);
/// and, for case workers, <c>/print/clients/{id}/plans/{planId}/agreement?lang=</c>, a plan's agreement to print
/// and sign, shown in the browser.
/// </summary>
public static class Downloads
{
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder endpoints)
    {
        // The filters go to the API as the browser sent them, so a bad one is the API's 400, not silently dropped.
        endpoints.MapGet("/download/caseload.csv", async (ReferralsApi referrals, IStringLocalizer<Strings> text, HttpContext http,
                CancellationToken cancellationToken) =>
            {
                using var response = await referrals.CaseloadCsvAsync(http.Request.QueryString.Value ?? "", cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await StreamAsync(response, http, "caseload.csv", cancellationToken);
                    return;
                }

                var csv = await response.Content.ReadAsStringAsync(cancellationToken);
                http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/csv";
                http.Response.Headers.ContentDisposition = "attachment; filename=caseload.csv";
                http.Response.Headers.CacheControl = "no-store";
                await http.Response.WriteAsync(HeadersInWords(csv, text), cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        endpoints.MapGet("/download/funding.csv", async (ReferralsApi referrals, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await referrals.FundingReportCsvAsync(http.Request.QueryString.Value ?? "", cancellationToken);
                await StreamAsync(response, http, "funding-report.csv", cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        endpoints.MapGet("/download/clients/{clientId:guid}/export.json",
                async (Guid clientId, IIntakeApi intake, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await intake.ExportAsync(clientId, cancellationToken);
                await StreamAsync(response, http, $"client-{clientId}.json", cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        endpoints.MapGet("/print/clients/{clientId:guid}/export",
                async (Guid clientId, string? lang, IIntakeApi intake, OfficeClock clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await intake.SubjectAccessReportAsync(clientId, lang ?? "en", clock.LocalTimeZone, cancellationToken);
                await StreamAsync(response, http, fileName: null, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("coordinator"));
        endpoints.MapGet("/print/clients/{clientId:guid}/consents/{consentId:guid}",
                async (Guid clientId, Guid consentId, string? lang, IIntakeApi intake, OfficeClock clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await intake.ConsentFormAsync(clientId, consentId, lang ?? "en", clock.LocalTimeZone, cancellationToken);
                await StreamAsync(response, http, fileName: null, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("frontdesk", "caseworker"));
        endpoints.MapGet("/print/clients/{clientId:guid}/plans/{planId:guid}/agreement",
                async (Guid clientId, Guid planId, string? lang, CasesApi cases, HttpContext http, CancellationToken cancellationToken) =>
            {
                using var response = await cases.AgreementAsync(clientId, planId, lang ?? "en", cancellationToken);
                await StreamAsync(response, http, fileName: null, cancellationToken);
            })
            .RequireAuthorization(policy => policy.RequireRole("caseworker"));
        return endpoints;
    }

    /// <summary>
    /// The caseload's columns and dimensions in the coordinator's words ("Declined", "Organisation")
    /// where the API writes codes ("declined", "organisation"), for a spreadsheet read by people;
    /// the cells stay as the API wrote them.
    /// </summary>
    public static string HeadersInWords(string csv, IStringLocalizer<Strings> text)
    {
        string Words(string code) =>
            text[$"Csv_{code}"] is { ResourceNotFound: false } column ? column
            : text[$"ReferralStatus_{code}"] is { ResourceNotFound: false } status ? status
            : code;
        var lines = csv.Split("\r\n");
        lines[0] = string.Join(',', lines[0].Split(',').Select(header => Quote(Words(header))));
        for (var i = 1; i < lines.Length; i++)
        {
            var comma = lines[i].IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                var dimension = lines[i][..comma];
                lines[i] = (text[$"Csv_dimension_{dimension}"] is { ResourceNotFound: false } words ? Quote(words) : dimension) + lines[i][comma..];
            }
        }

        return string.Join("\r\n", lines);
    }

    private static string Quote(string cell) => cell.IndexOfAny([',', '"']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    /// <summary>The API's answer as it is; a success becomes an attachment named <paramref name="fileName"/>, or is shown when there is none.</summary>
    private static async Task StreamAsync(HttpResponseMessage response, HttpContext http, string? fileName, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        if (response.IsSuccessStatusCode)
        {
            if (fileName is not null)
            {
                http.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
            }

            http.Response.Headers.CacheControl = "no-store";
        }

        await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
    }
}
