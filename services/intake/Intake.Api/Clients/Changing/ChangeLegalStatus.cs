using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Changing;

/// <summary>A legal status change as parsed: the status as stored.</summary>
internal sealed record ChangeLegalStatus(LegalStatusDetails LegalStatus);

internal static class ChangingLegalStatus
{
    public static Parsed<ChangeLegalStatus> Parse(LegalStatusRequest request)
    {
        var errors = new FieldErrors();
        ClientValidation.LegalStatus(errors, "", request);
        return errors.Any || ClientValidation.ToLegalStatus(request) is not { } legalStatus ? errors : new ChangeLegalStatus(legalStatus);
    }

    /// <summary>The new status becomes current; the previous ones stay in <see cref="Client.LegalStatusHistory"/>.</summary>
    public static LegalStatusChanged Decide(Client client, ChangeLegalStatus change, string by, DateTimeOffset now)
    {
        return new LegalStatusChanged(client.Id, change.LegalStatus, by, now);
    }

    public static RouteHandlerBuilder MapChangeLegalStatus(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/legal-status", HandleAsync)
            .WithName("ChangeLegalStatus")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, LegalStatusRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            change => session.WriteClientAsync(http, clientId, client => Decide(client, change, http.Actor(), http.Now()), cancellationToken));
}
