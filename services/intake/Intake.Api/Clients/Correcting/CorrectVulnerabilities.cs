using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Correcting;

/// <summary>Body of <c>PUT /clients/{id}/vulnerabilities</c>: the whole list as it should read, and why.</summary>
internal sealed record CorrectVulnerabilitiesRequest(IReadOnlyList<Vulnerability>? Vulnerabilities, string? Reason);

/// <summary>A vulnerabilities correction as parsed: the whole list (each once) and the reason.</summary>
internal sealed record CorrectVulnerabilities(IReadOnlyList<Vulnerability> Vulnerabilities, string Reason);

/// <summary>Vulnerabilities surface after registration (a pregnancy, a survivor of torture who speaks later); case workers record them with a reason.</summary>
internal static class CorrectingVulnerabilities
{
    public static Parsed<CorrectVulnerabilities> Parse(CorrectVulnerabilitiesRequest request)
    {
        var errors = new FieldErrors();
        if (request.Vulnerabilities is null)
        {
            errors.Required("vulnerabilities", "This field is required (an empty list when none apply).");
        }
        else if (request.Vulnerabilities.Distinct().Count() != request.Vulnerabilities.Count)
        {
            errors.Add("vulnerabilities", "Each vulnerability may appear once.");
        }

        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || (request.Vulnerabilities, reason) is not ({ } vulnerabilities, { } why) ? errors : new CorrectVulnerabilities(vulnerabilities, why);
    }

    public static VulnerabilitiesCorrected Decide(Client client, CorrectVulnerabilities correction, string by, DateTimeOffset now)
    {
        return new VulnerabilitiesCorrected(client.Id, correction.Vulnerabilities, correction.Reason, by, now);
    }

    public static RouteHandlerBuilder MapCorrectVulnerabilities(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/vulnerabilities", HandleAsync)
            .WithName("CorrectVulnerabilities")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, CorrectVulnerabilitiesRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            correction => session.WriteClientAsync(http, clientId, client => Decide(client, correction, http.Actor(), http.Now()), cancellationToken));
}
