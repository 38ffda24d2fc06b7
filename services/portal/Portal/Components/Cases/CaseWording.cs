using System.Globalization;
using Integration.Portal.Api;
using Integration.Portal.Api.Contracts.Intake;
using OrganisationView = Integration.Portal.Api.Contracts.Referrals.OrganisationView;
using Integration.Portal.Components.Clients;
using Integration.Portal.Resources;
using Integration.Vocabulary;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Components.Cases;

/// <summary>
/// A step of the case timeline in the staff's language: intake's own changes as the history words
/// them (<see cref="HistoryWording"/>), referral and booking steps with the organisation, the reason
/// and what was typed, plans, notes and households. A step this portal does not know yet is shown
/// with the API's own summary.
/// </summary>
internal static class CaseWording
{
    /// <summary>Intake's timeline types that the history already words, under their history names.</summary>
    private static readonly Dictionary<string, string> HistoryTypes = new(StringComparer.Ordinal)
    {
        ["client.registered"] = "client_registered",
        ["client.contact_changed"] = "contact_changed",
        ["client.languages_changed"] = "languages_changed",
        ["client.legal_status_changed"] = "legal_status_changed",
        ["consent.given"] = "consent_given",
        ["consent.withdrawn"] = "consent_withdrawn",
        ["consent.expired"] = "consent_expired",
        ["need.added"] = "need_added",
        ["need.reprioritised"] = "need_reprioritised",
        ["need.resolved"] = "need_resolved",
        ["case.closed"] = "case_closed",
        ["case.reopened"] = "case_reopened",
    };

    public static string Describe(TimelineEntry entry, ClientView client, IReadOnlyList<OrganisationView> organisations, IStringLocalizer<Strings> text)
    {
        if (HistoryTypes.TryGetValue(entry.Type, out var historyType))
        {
            return HistoryWording.Describe(new HistoryEntry { At = entry.At, By = entry.By.Name, Type = historyType, Summary = entry.Summary, Details = entry.Details }, client, organisations, text);
        }

        var details = entry.Details ?? new Dictionary<string, string>();
        string Fact(string name) => details.TryGetValue(name, out var value) ? value : "";
        string Term(string prefix, string name) => text[$"{prefix}{Fact(name)}"];
        string WithText(string sentence, string name) => Fact(name) is { Length: > 0 } typed ? $"{sentence}: {typed}" : sentence;
        string Day(string name) => DateOnly.TryParseExact(Fact(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d", CultureInfo.CurrentCulture)
            : Fact(name);
        var parts = entry.Type.Split('.');
        var step = parts.Length == 2 ? parts[1] : entry.Type;
        return parts[0] switch
        {
            "referral" => WithText(text["Timeline_referral", Fact("service_name"), Fact("organisation_name"),
                step switch
                {
                    "declined" => $"{text["ReferralStep_declined"]} ({Term("Decline_", "reason")})",
                    "completed" => $"{text["ReferralStep_completed"]} ({Term("Outcome_", "outcome")})",
                    "waitlisted" when Fact("estimated_date").Length > 0 => $"{text["ReferralStep_waitlisted"]} ({Day("estimated_date")})",
                    _ => text[$"ReferralStep_{step}"],
                }], "note"),
            "booking" => WithText(text["Timeline_booking", IsoNames.Language(Fact("language")),
                step switch
                {
                    "assigned" => $"{text["BookingStep_assigned"]}: {Fact("mediator_name")}",
                    "withdrawn" => text["BookingStep_withdrawn", Fact("mediator_name")],
                    _ => text[$"BookingStep_{step}"],
                }], "note"),
            "plan" => step switch
            {
                "agreed" => text["Timeline_plan_agreed", Fact("version"), Day("agreed_on")],
                "reviewed" => text["Timeline_plan_reviewed", Day("reviewed_on")]
                    + (Fact("next_review_on").Length > 0 ? $" · {text["NextReview", Day("next_review_on")]}" : ""),
                "closed" => text["Timeline_plan_closed", Term("CaseOutcome_", "outcome")],
                _ => text[$"Timeline_plan_{step}"],
            },
            "note" => WithText(text["Timeline_note_added"], "text"),
            "household" => step == "joined" ? text["Timeline_household_joined", Term("Relationship_", "relationship")] : text["Timeline_household_left"],
            "case" when step == "assigned" => WithText(text["Timeline_case_assigned", Fact("case_worker_name")], "reason"),
            "case" when step == "transferred" => WithText(text["Timeline_case_transferred", Fact("from_office"), Fact("to_office")], "reason"),
            "client" when step == "identity_corrected" => WithText(text["Timeline_identity_corrected"], "reason"),
            "client" when step == "vulnerabilities_corrected" => WithText(text["Timeline_vulnerabilities_corrected"], "reason"),
            "client" when step is "merged" or "duplicate_merged" or "unmerged" or "duplicate_unmerged" => WithText(text[$"Timeline_{step}"], "reason"),
            _ => entry.Summary,
        };
    }
}
