using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Correcting;

/// <summary>Body of <c>PUT /clients/{id}/identity</c>: the whole identity as it should read, and why it changed.</summary>
internal sealed record CorrectIdentityRequest(
    string? GivenName,
    string? FamilyName,
    IReadOnlyList<string>? OtherNames,
    DateOnly? DateOfBirth,
    bool? DateOfBirthIsApproximate,
    Sex? Sex,
    IReadOnlyList<string>? Nationalities,
    string? Reason);

/// <summary>
/// Names misheard at the desk, a date of birth read from a document that arrived later: staff
/// correct the identity with a reason. The correction is an event on the client's stream (so the
/// timeline shows it) and the search and duplicate index follow in the same transaction.
/// </summary>
internal static class CorrectingIdentity
{
    public static FieldErrors Validate(CorrectIdentityRequest request, DateOnly today)
    {
        var errors = new FieldErrors();
        ClientValidation.Name(errors, "givenName", request.GivenName);
        ClientValidation.Name(errors, "familyName", request.FamilyName);
        ClientValidation.Names(errors, "otherNames", request.OtherNames);
        ClientValidation.DateOfBirth(errors, request.DateOfBirth, today);
        ClientValidation.Nationalities(errors, request.Nationalities);
        if (request.Sex is null)
        {
            errors.Required("sex", "This field is required (female, male, other, unknown).");
        }

        errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static IdentityCorrected Decide(Client client, CorrectIdentityRequest request, string by, DateTimeOffset now)
    {
        return new IdentityCorrected(client.Id, ClientValidation.NameAsStored(request.GivenName!), ClientValidation.NameAsStored(request.FamilyName!),
            [.. (request.OtherNames ?? []).Select(ClientValidation.NameAsStored)], request.DateOfBirth!.Value, request.DateOfBirthIsApproximate ?? false,
            request.Sex!.Value, [.. (request.Nationalities ?? []).Select(code => code.ToUpperInvariant())], request.Reason!.Trim(), by, now);
    }

    public static RouteHandlerBuilder MapCorrectIdentity(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/identity", HandleAsync)
            .WithName("CorrectIdentity")
            .RequireAuthorization(IntakeRoles.CaseStaff)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, CorrectIdentityRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, request => Validate(request, DateOnly.FromDateTime(http.Now().UtcDateTime)),
            request => session.WriteClientAsync(http, clientId, client => Decide(client, request, http.Actor(), http.Now()), cancellationToken));
}
