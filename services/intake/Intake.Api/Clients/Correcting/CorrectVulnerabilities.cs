using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Correcting;

/// <summary>Body of <c>PUT /clients/{id}/vulnerabilities</c>: the whole list as it should read, and why.</summary>
internal sealed record CorrectVulnerabilitiesRequest(IReadOnlyList<Vulnerability>? Vulnerabilities, string? Reason);

/// <summary>Vulnerabilities surface after registration (a pregnancy, a survivor of torture who speaks later); case workers record them with a reason.</summary>
internal static class CorrectingVulnerabilities
{
    public static FieldErrors Validate(CorrectVulnerabilitiesRequest request)
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

        errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static VulnerabilitiesCorrected Decide(Client client, CorrectVulnerabilitiesRequest request, string by, DateTimeOffset now)
    {
        return new VulnerabilitiesCorrected(client.Id, request.Vulnerabilities!, request.Reason!.Trim(), by, now);
    }

    public static RouteHandlerBuilder MapCorrectVulnerabilities(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/vulnerabilities", HandleAsync)
            .WithName("CorrectVulnerabilities")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, CorrectVulnerabilitiesRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
