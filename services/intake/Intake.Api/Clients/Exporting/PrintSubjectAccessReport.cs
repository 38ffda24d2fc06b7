using System.Globalization;
using System.Text;
using System.Text.Json;
using Integration.Intake.Directory;
using Integration.Intake.Plans.Printing;
using Integration.Intake.Printing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using static Integration.Intake.Printing.PrintedDocument;

namespace Integration.Intake.Clients.Exporting;

/// <summary>
/// <c>GET /clients/{id}/export.html?lang=</c>: the subject access export as a document that can be
/// handed to the person (GDPR article 15): what is held about them, their consents and needs, their
/// referrals and mediator appointments, every change to their record and every time someone saw
/// their data, in words. In the person's preferred language when the system speaks it (English or
/// Italian), else in <c>lang</c> (English by default), times in <c>timeZone</c> (the office's, IANA).
/// Gathered exactly as the JSON export is
/// (<see cref="ExportingClient"/>), so a service that does not answer makes it a 503 too.
/// </summary>
internal static class PrintingSubjectAccessReport
{
    public static RouteHandlerBuilder MapPrintSubjectAccessReport(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/export.html", HandleAsync)
            .WithName("PrintSubjectAccessReport")
            .WithSummary("Everything held about the person, as a printable document in their language")
            .RequireAuthorization(IntakeRoles.Export);

    private static async Task<Results<PrintedPage, ValidationProblem, AccessRefusal, UnavailableProblem>> HandleAsync(Guid clientId, string? lang, string? timeZone, IDocumentSession session, ServiceExports exports,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckLanguage(errors, lang);
        var zone = errors.TimeZone("timeZone", timeZone, DefaultTimeZone);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var gathered = await ExportingClient.GatherAsync(clientId, "PrintSubjectAccessReport", session, exports, clock, http, cancellationToken);
        switch (gathered.Result)
        {
            case AccessRefusal refusal:
                return refusal;
            case UnavailableProblem unavailable:
                return unavailable;
        }

        var export = ((Ok<ClientExport>)gathered.Result).Value!;

        var text = ReportText.For(LanguageFor(export.Profile.PreferredLanguage, lang))!;
        var organisations = export.Profile.Consents.Select(consent => consent.RecipientOrganisationId).OfType<Guid>().Distinct().ToArray();
        var names = organisations.Length == 0 ? new Dictionary<Guid, string>()
            : (await session.LoadManyAsync<KnownOrganisation>(cancellationToken, organisations)).ToDictionary(organisation => organisation.Id, organisation => organisation.Name);
        return Page(http, Render(export, names, text, zone!));
    }

    public static string Render(ClientExport export, IReadOnlyDictionary<Guid, string> organisations, ReportText text, TimeZoneInfo zone)
    {
        var person = export.Profile;
        var fullName = $"{person.GivenName} {person.FamilyName}";
        var html = Begin(text.Language, text.Title, fullName);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p>{E(string.Format(CultureInfo.InvariantCulture, text.Intro, fullName, D(export.ExportedAt, zone)))}</p>
            <h2>{E(text.AboutYou)}</h2>
            <dl>
            """);
        Fact(html, text.Name, fullName);
        Fact(html, text.OtherNames, string.Join(", ", person.OtherNames));
        Fact(html, text.Born, D(person.DateOfBirth) + (person.DateOfBirthIsApproximate ? $" ({text.Approximate})" : ""));
        Fact(html, text.Sex, text.Word(person.Sex));
        Fact(html, text.Nationalities, string.Join(", ", person.Nationalities.Select(code => CountryName(code, text.Language))));
        Fact(html, text.Languages, string.Join(", ", person.Languages.Select(skill => $"{LanguageName(skill.Code, text.Language)} ({text.Word(skill.Proficiency)})")));
        Fact(html, text.PreferredLanguage, person.PreferredLanguage is { } preferred ? LanguageName(preferred, text.Language) : null);
        Fact(html, text.Interpreter, person.InterpreterRequired ? text.Yes : text.No);
        Fact(html, text.Phone, person.Phone);
        Fact(html, text.Email, person.Email);
        Fact(html, text.Address, person.Address is { } address ? string.Join(", ", new[] { address.District, address.Postcode, address.Municipality }.Where(part => !string.IsNullOrWhiteSpace(part))) : null);
        Fact(html, text.LegalStatus, person.LegalStatus is { } legal
            ? text.Word(legal.Category) + (legal.DocumentNumber is { } number ? $", {number}" : "") + (legal.ValidUntil is { } until ? $", {text.ValidUntil} {D(until)}" : "")
            : null);
        Fact(html, text.Vulnerabilities, string.Join(", ", person.Vulnerabilities.Select(vulnerability => text.Word(vulnerability))));
        Fact(html, text.Office, person.Office);
        Fact(html, text.RegisteredOn, D(person.RegisteredAt, zone));
        html.Append("</dl>\n");

        Table(html, text.Consents, [text.Purpose, text.SharedWith, text.WhatIsShared, text.Given, text.Expires, text.Status],
            person.Consents.Select(consent => new[]
            {
                text.Word(consent.Purpose),
                consent.RecipientOrganisationId is { } organisation ? organisations.GetValueOrDefault(organisation, text.APartner)
                    : consent.RecipientServiceCategory is { } category ? string.Format(CultureInfo.InvariantCulture, text.ServicesOf, text.Agreement.Domain(category)) : "",
                string.Join(", ", consent.DataCategories.Select(data => text.Word(data))),
                D(consent.GivenAt, zone),
                consent.ExpiresAt is { } expires ? D(expires, zone) : "",
                text.Word(consent.Status),
            }), text.None);
        Table(html, text.Needs, [text.Area, text.Description, text.Status],
            person.Needs.Select(need => new[] { text.Agreement.Domain(need.Domain), need.Description, text.Word(need.Status) }), text.None);
        Table(html, text.Referrals, [text.Service, text.Organisation, text.Sent, text.Status],
            Items(export, "referrals", "referrals").Select(referral => new[]
            {
                Property(referral, "serviceName"), Property(referral, "organisationName"), Moment(referral, "createdAt", zone), text.Word(Property(referral, "status")),
            }), text.None);
        Table(html, text.Bookings, [text.When, text.Language, text.Status],
            Items(export, "mediators", "bookings").Select(booking => new[]
            {
                Moment(booking, "start", zone), LanguageName(Property(booking, "language"), text.Language), text.Word(Property(booking, "status")),
            }), text.None);
        Table(html, text.Changes, [text.When, text.Who, text.What],
            export.History.Select(change => new[]
            {
                D(change.At, zone), change.ByName ?? text.Staff, text.Change(change.Type),
            }), text.None);
        Table(html, text.Seen, [text.When, text.Who, text.Role, text.Where],
            export.AccessLog
                .GroupBy(read => (read.ByName ?? read.By, read.Role, read.Service, Minute: D(read.At, zone)))
                .Select(visit => new[] { visit.Key.Minute, visit.Key.Item1, text.Word(visit.Key.Role), text.Word(visit.Key.Service) }), text.None);
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(text.Rights)}</p>\n");
        return End(html);
    }

    private static void Fact(StringBuilder html, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{E(label)}</dt><dd>{E(value)}</dd>\n");
        }
    }

    private static void Table(StringBuilder html, string title, IReadOnlyList<string> headers, IEnumerable<string[]> rows, string none)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2>\n");
        var all = rows.ToList();
        if (all.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(none)}</p>\n");
            return;
        }

        html.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(header)}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in all)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static JsonElement[] Items(ClientExport export, string service, string list) =>
        export.Services.TryGetValue(service, out var part) && part.ValueKind == JsonValueKind.Object
        && part.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? [.. items.EnumerateArray()]
            : [];

    private static string Property(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string Moment(JsonElement item, string name, TimeZoneInfo zone) =>
        DateTimeOffset.TryParse(Property(item, name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? D(at, zone) : "";
}
