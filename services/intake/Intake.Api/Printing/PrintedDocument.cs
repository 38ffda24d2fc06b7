using System.Globalization;
using System.Net;
using Integration.Vocabulary;

namespace Integration.Intake.Printing;

/// <summary>
/// What intake's printable documents (the plan agreement, the subject access report) share: HTML
/// encoding of every value, day-first dates, names of languages and countries in the document's
/// own language, and a stylesheet that prints cleanly on A4.
/// </summary>
public static class PrintedDocument
{
    public const string Style = """
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

    /// <summary>A moment as the office's clock shows it, day first.</summary>
    public static string D(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A language's name in <paramref name="inLanguage"/> (ICU: "tigrino" in Italian), else its English name, else the code.</summary>
    public static string LanguageName(string code, string inLanguage) => LocalNames.In(inLanguage, LocalNames.Language, code);

    /// <summary>A country's name in <paramref name="inLanguage"/> ("Siria" in Italian), else the code.</summary>
    public static string CountryName(string code, string inLanguage) => LocalNames.In(inLanguage, LocalNames.Country, code);
}
