using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Consents;

/// <summary>Body of <c>POST /clients/{id}/consents</c> (docs/api.md).</summary>
internal sealed record GiveConsentRequest(
    ConsentPurpose? Purpose,
    Guid? RecipientOrganisationId,
    NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory>? DataCategories,
    LawfulBasis? LawfulBasis,
    DateTimeOffset? GivenAt,
    DateTimeOffset? ExpiresAt,
    string? Evidence);

public sealed record ConsentRecorded(Guid ConsentId);

internal static class GivingConsent
{
    /// <summary>Consent recorded a little ahead of the server clock is clock skew, not the future.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static FieldErrors Validate(GiveConsentRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (request.Purpose is null)
        {
            errors.Required("purpose", "This field is required (referral, mediation, case_management, statistics).");
        }

        if ((request.RecipientOrganisationId is null) == (request.RecipientServiceCategory is null))
        {
            errors.Add("recipient", "Name exactly one recipient: recipientOrganisationId or recipientServiceCategory.");
        }

        if (request.RecipientOrganisationId == Guid.Empty)
        {
            errors.Add("recipientOrganisationId", "Not an organisation id.");
        }

        if (request.DataCategories is not { Count: > 0 } categories)
        {
            errors.Add("dataCategories", "Name at least one data category.");
        }
        else if (categories.Distinct().Count() != categories.Count)
        {
            errors.Add("dataCategories", "Each data category may appear once.");
        }

        if (request.LawfulBasis is null)
        {
            errors.Required("lawfulBasis", "This field is required (consent, legal_obligation, vital_interest, public_task).");
        }

        if (request.GivenAt is not { } givenAt)
        {
            errors.Required("givenAt");
        }
        else if (givenAt > now + ClockSkew)
        {
            errors.Add("givenAt", "Consent cannot be given in the future.");
        }
        else if (request.ExpiresAt is { } expiresAt && expiresAt <= givenAt)
        {
            errors.Add("expiresAt", "A consent must expire after it was given.");
        }

        errors.OptionalText("evidence", request.Evidence, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static ConsentGiven Decide(Client client, Guid consentId, GiveConsentRequest request, string by, DateTimeOffset now)
    {
        if (DateOnly.FromDateTime(request.GivenAt!.Value.UtcDateTime) < client.DateOfBirth.AddYears(client.DateOfBirthIsApproximate ? -1 : 0))
        {
            throw DomainRuleViolated.OnField("given_before_birth", "givenAt", "A consent cannot be given before the person was born.");
        }

        return new ConsentGiven(client.Id, consentId, request.Purpose!.Value, request.RecipientOrganisationId, request.RecipientServiceCategory,
            request.DataCategories!, request.LawfulBasis!.Value, request.GivenAt!.Value, request.ExpiresAt,
            ClientValidation.Trimmed(request.Evidence), by, now);
    }

    public static RouteHandlerBuilder MapGiveConsent(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/consents", HandleAsync)
            .WithName("GiveConsent")
            .RequireAuthorization(IntakeRoles.RecordConsent)
            .ProducesAdd<ConsentRecorded>(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, GiveConsentRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, request => Validate(request, http.Now()),
            request => session.AddToClientAsync(http, clientId, "GiveConsent", request,
                (client, consentId) => Decide(client, consentId, request, http.Actor(), http.Now()), consentId => new ConsentRecorded(consentId),
                cancellationToken));
}
