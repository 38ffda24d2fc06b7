using Integration.Eventing;
using Integration.Intake.Directory;
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

/// <summary>
/// A consent as parsed: its purpose, its one recipient (an organisation or a service category), the
/// data it covers, its lawful basis and when it was given; when it expires and the evidence, if known.
/// </summary>
internal sealed record GiveConsent(
    ConsentPurpose Purpose,
    Guid? RecipientOrganisationId,
    NeedDomain? RecipientServiceCategory,
    IReadOnlyList<DataCategory> DataCategories,
    LawfulBasis LawfulBasis,
    DateTimeOffset GivenAt,
    DateTimeOffset? ExpiresAt,
    string? Evidence);

public sealed record ConsentRecorded(Guid ConsentId);

internal static class GivingConsent
{
    /// <summary>Consent recorded a little ahead of the server clock is clock skew, not the future.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static Parsed<GiveConsent> Parse(GiveConsentRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var purpose = errors.Require("purpose", request.Purpose, "This field is required (referral, mediation, case_management, statistics).");
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

        var lawfulBasis = errors.Require("lawfulBasis", request.LawfulBasis, "This field is required (consent, legal_obligation, vital_interest, public_task).");
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

        var evidence = errors.OptionalText("evidence", request.Evidence, ClientValidation.MaxNoteLength);
        return errors.Any || (purpose, request.DataCategories, lawfulBasis, request.GivenAt) is not ({ } why, { } data, { } basis, { } given)
            ? errors
            : new GiveConsent(why, request.RecipientOrganisationId, request.RecipientServiceCategory, data, basis, given, request.ExpiresAt, evidence);
    }

    public static ConsentGiven Decide(Client client, Guid consentId, GiveConsent consent, string by, DateTimeOffset now)
    {
        if (DateOnly.FromDateTime(consent.GivenAt.UtcDateTime) < client.DateOfBirth.AddYears(client.DateOfBirthIsApproximate ? -1 : 0))
        {
            throw DomainRuleViolated.OnField("given_before_birth", "givenAt", "A consent cannot be given before the person was born.");
        }

        return new ConsentGiven(client.Id, consentId, consent.Purpose, consent.RecipientOrganisationId, consent.RecipientServiceCategory,
            consent.DataCategories, consent.LawfulBasis, consent.GivenAt, consent.ExpiresAt, consent.Evidence, by, now);
    }

    public static RouteHandlerBuilder MapGiveConsent(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/consents", HandleAsync)
            .WithName("GiveConsent")
            .RequireAuthorization(IntakeRoles.RecordConsent);

    private static Task<WriteResult<CreatedResult<ConsentRecorded>>> HandleAsync(Guid clientId, GiveConsentRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, request => Parse(request, http.Now()), async (request, consent) =>
            await KnownOrganisations.CheckAsync(session,
                consent.RecipientOrganisationId is { } organisationId ? [("recipientOrganisationId", organisationId)] : [], cancellationToken) is { Any: true } unknown
                ? unknown.ToProblem()
                : await session.AddToClientAsync(http, clientId, "GiveConsent", request,
                    (client, consentId) => Decide(client, consentId, consent, http.Actor(), http.Now()), consentId => new ConsentRecorded(consentId),
                    cancellationToken));
}
