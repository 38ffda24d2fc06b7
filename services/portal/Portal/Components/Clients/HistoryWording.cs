using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using Integration.Portal.Api.Contracts.Referrals;
using Integration.Portal.Resources;
using Integration.Vocabulary;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Components.Clients;

/// <summary>
/// A change of the case history in the staff's language and in the record's terms: needs by their
/// area, consents by their recipient, organisations by name, never an id. A change this portal does
/// not know yet is shown with the API's own summary.
/// </summary>
internal static class HistoryWording
{
    public static string Describe(HistoryEntry entry, ClientView client, IReadOnlyList<OrganisationView> organisations, IStringLocalizer<Strings> text)
    {
        var details = entry.Details ?? new Dictionary<string, string>();
        string Fact(string name) => details.TryGetValue(name, out var value) ? value : "";
        string Term(string prefix, string name) => text[$"{prefix}{Fact(name)}"];
        string Need() => client.Needs.FirstOrDefault(need => need.Id.ToString() == Fact("need_id")) is { } need
            ? text[$"Domain_{VocabularyNames.Name(need.Domain)}"]
            : text["HistoryANeed"];
        string Recipient(string organisationId, string category) => organisationId.Length > 0
            ? organisations.FirstOrDefault(organisation => organisation.Id.ToString() == organisationId)?.Name ?? text["HistoryAnOrganisation"]
            : text["AnyServiceOf", text[$"Domain_{category}"]];
        string Consent() => client.Consents.FirstOrDefault(consent => consent.Id.ToString() == Fact("consent_id")) is { } consent
            ? Recipient(consent.RecipientOrganisationId?.ToString() ?? "",
                consent.RecipientServiceCategory is { } category ? VocabularyNames.Name(category) : "")
            : text["HistoryAConsent"];
        string WithText(string sentence, string name) => Fact(name) is { Length: > 0 } typed ? $"{sentence}: {typed}" : sentence;

        return entry.Type switch
        {
            "client_registered" => WithText(text["History_client_registered", Fact("office")], "reason"),
            "contact_changed" => text["History_contact_changed"],
            "languages_changed" => text["History_languages_changed", Fact("languages").Replace(",", ", ", StringComparison.Ordinal)],
            "legal_status_changed" => text["History_legal_status_changed", Term("LegalStatus_", "category")]
                + (Fact("valid_until") is { Length: > 0 } until && DateOnly.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var date)
                    ? $" · {text["ValidUntil", date.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]}"
                    : ""),
            "consent_given" => text["History_consent_given", Term("Purpose_", "purpose"), Recipient(Fact("organisation_id"), Fact("category"))],
            "consent_withdrawn" => WithText(text["History_consent_withdrawn", Consent()], "reason"),
            "consent_expired" => text["History_consent_expired", Consent()],
            "need_added" => text["History_need_added", Term("Domain_", "domain"), Term("Priority_", "priority")],
            "need_reprioritised" => text["History_need_reprioritised", Need(), Term("Priority_", "priority")],
            "need_resolved" => WithText(text["History_need_resolved", Need(), Term("NeedOutcome_", "outcome")], "note"),
            "case_closed" => WithText(text["History_case_closed", Term("CaseOutcome_", "outcome")], "note"),
            "case_reopened" => WithText(text["History_case_reopened"], "reason"),
            _ => entry.Summary,
        };
    }
}
