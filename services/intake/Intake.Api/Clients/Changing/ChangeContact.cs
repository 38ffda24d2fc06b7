using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Changing;

/// <summary>Body of <c>PUT /clients/{id}/contact</c>: the whole contact block, replacing the previous one.</summary>
internal sealed record ChangeContactRequest(string? Phone, string? Email, AddressRequest? Address);

internal static class ChangingContact
{
    public static FieldErrors Validate(ChangeContactRequest request)
    {
        var errors = new FieldErrors();
        ClientValidation.Contact(errors, request.Phone, request.Email, request.Address);
        return errors;
    }

    public static ContactChanged Decide(Client client, ChangeContactRequest request, string by, DateTimeOffset now)
    {
        return new ContactChanged(client.Id, ClientValidation.Trimmed(request.Phone), ClientValidation.Trimmed(request.Email),
            ClientValidation.ToAddress(request.Address), by, now);
    }

    public static RouteHandlerBuilder MapChangeContact(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/contact", HandleAsync)
            .WithName("ChangeContact")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, ChangeContactRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
