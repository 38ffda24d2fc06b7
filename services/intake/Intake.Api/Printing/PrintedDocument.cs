using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Integration.ServiceDefaults;
using Integration.Vocabulary;
using Microsoft.AspNetCore.Http.Metadata;

namespace Integration.Intake.Printing;

/// <summary>
/// What intake's printable documents (the plan agreement, the subject access report, the consent to
/// sign) share: the languages they are written in, the page around them with a stylesheet that
/// prints cleanly on A4, HTML encoding of every value, day-first dates in the office's zone, and
/// names of languages and countries in the document's own language. They are never cached.
/// </summary>
internal static class PrintedDocument
{
    /// <summary>The languages the documents are written in (those the portal speaks).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "it"];

    /// <summary>Where no time zone is asked for: the one-stop-shops this was built with are in Italy.</summary>
    public const string DefaultTimeZone = "Europe/Rome";

    /// <summary>A <c>lang</c> asked for must be one the documents are written in.</summary>
    public static void CheckLanguage(FieldErrors errors, string? lang)
    {
        if (lang is not null && !Languages.Contains(lang))
        {
            errors.Add("lang", "en or it.", FieldErrorCodes.NotOneOf);
        }
    }

    /// <summary>The person's own language when the documents are written in it, else the one asked for, else English.</summary>
    public static string LanguageFor(string? preferred, string? asked) =>
        preferred is not null && Languages.Contains(preferred) ? preferred : asked ?? "en";

    /// <summary>The page up to its heading: the language, a title naming the person, the stylesheet.</summary>
    public static StringBuilder Begin(string language, string title, string person) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head>
            <meta charset="utf-8">
            <title>{E(title)} – {E(person)}</title>
            {Style}
            </head>
            <body>
            <h1>{E(title)}</h1>

            """);

    public static string End(StringBuilder html)
    {
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The document as the answer: HTML, kept by no cache (it holds personal data).</summary>
    public static PrintedPage Page(HttpContext http, string html)
    {
        http.Response.Headers.CacheControl = "no-store";
        return new PrintedPage(html);
    }

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.45; color: #111; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #999; }
        table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
        .signatures { display: flex; gap: 3rem; margin-top: 3rem; } .signature { flex: 1; border-top: 1px solid #111; padding-top: .3rem; }
        @media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } tr, li { break-inside: avoid; } .signatures { break-inside: avoid; } }
        </style>
        """;

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The office's date of a moment, day first.</summary>
    public static string Day(DateTimeOffset at, TimeZoneInfo zone) => D(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));

    /// <summary>A moment as the office's clock shows it, day first.</summary>
    public static string D(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A language's name in <paramref name="inLanguage"/> (ICU: "tigrino" in Italian), else its English name, else the code.</summary>
    public static string LanguageName(string code, string inLanguage) => LocalNames.In(inLanguage, LocalNames.Language, code);

    /// <summary>A country's name in <paramref name="inLanguage"/> ("Siria" in Italian), else the code.</summary>
    public static string CountryName(string code, string inLanguage) => LocalNames.In(inLanguage, LocalNames.Country, code);
}

/// <summary>200 with a printable HTML document; its type documents the answer as <c>text/html</c>.</summary>
internal sealed class PrintedPage(string html) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Content(html, "text/html; charset=utf-8").ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/html"]));
}
