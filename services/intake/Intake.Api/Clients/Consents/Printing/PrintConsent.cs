using System.Globalization;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Exporting;
using Integration.Intake.Directory;
using Integration.Intake.Printing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using static Integration.Intake.Printing.PrintedDocument;

namespace Integration.Intake.Clients.Consents.Printing;

/// <summary>
/// <c>GET /clients/{id}/consents/{consentId}/form?lang=</c>: a recorded consent as a document for the
/// person to read and sign, and to keep: what is shared, with whom, for what, until when, and how to
/// withdraw it. In the person's preferred language when the system speaks it (English or Italian),
/// else in <c>lang</c>; dates in <c>timeZone</c> (the office's); every value HTML-encoded; no caching.
/// </summary>
internal static class PrintingConsent
{
    public static RouteHandlerBuilder MapPrintConsent(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/consents/{consentId:guid}/form", HandleAsync)
            .WithName("PrintConsent")
            .WithSummary("A recorded consent as a document to read, sign and keep, in the person's language")
            .RequireAuthorization(IntakeRoles.RecordConsent);

    private static async Task<Results<PrintedPage, ValidationProblem, AccessRefusal, NotFoundProblem>> HandleAsync(Guid clientId, Guid consentId, string? lang, string? timeZone, IDocumentSession session,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckLanguage(errors, lang);
        var zone = errors.TimeZone("timeZone", timeZone, DefaultTimeZone);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var client = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(client, out var refusal))
        {
            return refusal;
        }

        if (client.Consents.FirstOrDefault(consent => consent.Id == consentId) is not { } given)
        {
            return new NotFoundProblem("The client has no consent with this id.");
        }

        var recipient = given.RecipientOrganisationId is { } organisation
            ? (await session.LoadAsync<KnownOrganisation>(organisation, cancellationToken))?.Name
            : null;
        AccessLogging.Record(session, http.User, "PrintConsent", [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        var language = LanguageFor(client.PreferredLanguage, lang);
        return Page(http, Render(client, given, recipient, ReportText.For(language)!, ConsentText.For(language), zone!));
    }

    public static string Render(Client client, Consent consent, string? recipient, ReportText words, ConsentText text, TimeZoneInfo zone)
    {
        var sharedWith = recipient
            ?? (consent.RecipientServiceCategory is { } category ? string.Format(CultureInfo.InvariantCulture, words.ServicesOf, words.Agreement.Domain(category)) : words.APartner);
        var html = Begin(words.Language, text.Title, client.FullName());
        html.Append(CultureInfo.InvariantCulture, $"""
            <p>{E(string.Format(CultureInfo.InvariantCulture, text.Statement, client.FullName(), D(client.DateOfBirth)))}</p>
            <dl>
            <dt>{E(words.Purpose)}</dt><dd>{E(words.Word(consent.Purpose))}</dd>
            <dt>{E(words.SharedWith)}</dt><dd>{E(sharedWith)}</dd>
            <dt>{E(words.WhatIsShared)}</dt><dd>{E(string.Join(", ", consent.DataCategories.Select(data => words.Word(data))))}</dd>
            <dt>{E(words.Given)}</dt><dd>{Day(consent.GivenAt, zone)}</dd>
            <dt>{E(words.Expires)}</dt><dd>{(consent.ExpiresAt is { } expires ? Day(expires, zone) : E(text.NoEnd))}</dd>
            <dt>{E(words.Status)}</dt><dd>{E(words.Word(consent.Status))}</dd>
            </dl>
            <p>{E(text.Withdraw)}</p>
            <div class="signatures">
            <div class="signature">{E(text.SignatureOfPerson)}</div>
            <div class="signature">{E(text.SignatureOfStaff)}</div>
            </div>

            """);
        return End(html);
    }
}

/// <summary>The consent document's own wording; the vocabularies come from <see cref="ReportText"/>.</summary>
public sealed record ConsentText(string Title, string Statement, string NoEnd, string Withdraw, string SignatureOfPerson, string SignatureOfStaff)
{
    public static ConsentText For(string language) => language == "it" ? Italian : English;

    private static readonly ConsentText English = new("Consent to share personal data",
        "I, {0} (born {1}), agree that the one-stop-shop shares the data below, for the purpose below, with the recipient named.",
        "until withdrawn",
        "You may withdraw this consent at any time, at the desk or by telling your case worker; what was shared before stays lawful, nothing more is shared after. Refusing or withdrawing does not change the help you receive from the one-stop-shop.",
        "Signature of the person", "Signature of the member of staff");

    private static readonly ConsentText Italian = new("Consenso alla condivisione dei dati personali",
        "Io, {0} (nata/o il {1}), acconsento che lo sportello condivida i dati qui sotto, per la finalità indicata, con il destinatario indicato.",
        "fino alla revoca",
        "Puoi revocare questo consenso in qualsiasi momento, allo sportello o dicendolo al tuo operatore; ciò che è stato condiviso prima resta lecito, dopo non si condivide più nulla. Rifiutare o revocare non cambia l'aiuto che ricevi dallo sportello.",
        "Firma della persona", "Firma dell'operatore");
}
