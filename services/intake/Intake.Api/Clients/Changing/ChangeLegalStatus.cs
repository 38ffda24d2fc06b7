using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Changing;

internal static class ChangingLegalStatus
{
    public static FieldErrors Validate(LegalStatusRequest request)
    {
        var errors = new FieldErrors();
        ClientValidation.LegalStatus(errors, "", request);
        return errors;
    }

    /// <summary>The new status becomes current; the previous ones stay in <see cref="Client.LegalStatusHistory"/>.</summary>
    public static LegalStatusChanged Decide(Client client, LegalStatusRequest request, string by, DateTimeOffset now)
    {
        return new LegalStatusChanged(client.Id, ClientValidation.ToLegalStatus(request)!, by, now);
    }

    public static RouteHandlerBuilder MapChangeLegalStatus(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/legal-status", HandleAsync)
            .WithName("ChangeLegalStatus")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, LegalStatusRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
