using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Changing;

/// <summary>Body of <c>PUT /clients/{id}/contact</c>: the whole contact block, replacing the previous one.</summary>
internal sealed record ChangeContactRequest(string? Phone, string? Email, AddressRequest? Address);

/// <summary>A contact change as parsed: the phone, e-mail and address as stored, each of them optional.</summary>
internal sealed record ChangeContact(string? Phone, string? Email, Address? Address);

internal static class ChangingContact
{
    public static Parsed<ChangeContact> Parse(ChangeContactRequest request)
    {
        var errors = new FieldErrors();
        ClientValidation.Contact(errors, request.Phone, request.Email, request.Address);
        return errors.Any
            ? errors
            : new ChangeContact(ClientValidation.Trimmed(request.Phone), ClientValidation.Trimmed(request.Email), ClientValidation.ToAddress(request.Address));
    }

    public static ContactChanged Decide(Client client, ChangeContact change, string by, DateTimeOffset now)
    {
        return new ContactChanged(client.Id, change.Phone, change.Email, change.Address, by, now);
    }

    public static RouteHandlerBuilder MapChangeContact(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/contact", HandleAsync)
            .WithName("ChangeContact")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, ChangeContactRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            change => session.WriteClientAsync(http, clientId, client => Decide(client, change, http.Actor(), http.Now()), cancellationToken));
}
