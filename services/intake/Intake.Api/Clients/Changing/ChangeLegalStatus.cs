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
        clients.MapClientChange<LegalStatusRequest>("PUT", "/{clientId:guid}/legal-status", "ChangeLegalStatus", IntakeRoles.CaseWork,
            Validate, (client, request, change) => Decide(client, request, change.Actor, change.Now));
}
