using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Changing;

public static class ChangingLegalStatus
{
    public static FieldErrors Validate(LegalStatusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        ClientValidation.LegalStatus(errors, "", request);
        return errors;
    }

    /// <summary>The new status becomes current; the previous ones stay in <see cref="Client.LegalStatusHistory"/>.</summary>
    public static LegalStatusChanged Decide(Client client, LegalStatusRequest request, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new LegalStatusChanged(client.Id, ClientValidation.ToLegalStatus(request)!, by, now);
    }

    public static RouteHandlerBuilder MapChangeLegalStatus(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/legal-status", async (Guid clientId, LegalStatusRequest request, IDocumentSession session,
                HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = Validate(request);
                return errors.Any
                    ? errors.ToProblem()
                    : await session.ChangeAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken);
            })
            .WithName("ChangeLegalStatus")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange();
}
