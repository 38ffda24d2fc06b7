using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
/// An identity correction as parsed: the names, date of birth, sex and nationalities as stored, and
/// the reason.
/// </summary>
internal sealed record CorrectIdentity(
    string GivenName,
    string FamilyName,
    IReadOnlyList<string> OtherNames,
    DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate,
    Sex Sex,
    IReadOnlyList<string> Nationalities,
    string Reason);

/// <summary>
/// Names misheard at the desk, a date of birth read from a document that arrived later: staff
/// correct the identity with a reason. The correction is an event on the client's stream (so the
/// timeline shows it) and the search and duplicate index follow in the same transaction.
/// </summary>
internal static class CorrectingIdentity
{
    public static Parsed<CorrectIdentity> Parse(CorrectIdentityRequest request, DateOnly today)
    {
        var errors = new FieldErrors();
        var givenName = ClientValidation.Name(errors, "givenName", request.GivenName);
        var familyName = ClientValidation.Name(errors, "familyName", request.FamilyName);
        ClientValidation.Names(errors, "otherNames", request.OtherNames);
        var dateOfBirth = ClientValidation.DateOfBirth(errors, request.DateOfBirth, today);
        ClientValidation.Nationalities(errors, request.Nationalities);
        var sex = errors.Require("sex", request.Sex, "This field is required (female, male, other, unknown).");
        var reason = errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors.Any || (givenName, familyName, dateOfBirth, sex, reason) is not ({ } given, { } family, { } born, { } sexAsGiven, { } why)
            ? errors
            : new CorrectIdentity(given, family, [.. (request.OtherNames ?? []).Select(ClientValidation.NameAsStored)], born,
                request.DateOfBirthIsApproximate ?? false, sexAsGiven, [.. (request.Nationalities ?? []).Select(code => code.ToUpperInvariant())], why);
    }

    public static IdentityCorrected Decide(Client client, CorrectIdentity correction, string by, DateTimeOffset now)
    {
        return new IdentityCorrected(client.Id, correction.GivenName, correction.FamilyName, correction.OtherNames, correction.DateOfBirth,
            correction.DateOfBirthIsApproximate, correction.Sex, correction.Nationalities, correction.Reason, by, now);
    }

    public static RouteHandlerBuilder MapCorrectIdentity(this IEndpointRouteBuilder clients) =>
        clients.MapPut("/{clientId:guid}/identity", HandleAsync)
            .WithName("CorrectIdentity")
            .RequireAuthorization(IntakeRoles.CaseStaff);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, CorrectIdentityRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, DateOnly.FromDateTime(http.Now().UtcDateTime)),
            correction => session.WriteClientAsync(http, clientId, client => Decide(client, correction, http.Actor(), http.Now()), cancellationToken));
}
