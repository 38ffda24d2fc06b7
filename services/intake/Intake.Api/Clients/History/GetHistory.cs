using System.Globalization;
using System.Text.Json;
using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.History;

/// <summary>
/// One change: <c>summary</c> in English for reading as it is; <c>details</c> the same facts as values
/// (snake_case vocabulary, ids, dates), for a screen to put in its own words and language.
/// </summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, string By, string Type, string Summary, IReadOnlyDictionary<string, string> Details)
{
    /// <summary>The name of who made the change, as the staff session recorded it; absent for the system and for older events.</summary>
    public string? ByName { get; init; }
}

/// <summary><c>GET /clients/{id}/history</c>: every change, straight from the client's event stream.</summary>
internal static class GettingHistory
{
    public static RouteHandlerBuilder MapGetHistory(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/history", HandleAsync)
            .WithName("GetClientHistory")
            .RequireAuthorization(IntakeRoles.ReadHistory);

    public static HistoryEntry Describe(IEvent e)
    {
        var (by, summary, details) = e.Data switch
        {
            ClientRegistered r => (r.RegisteredBy, $"Registered at {r.Office ?? "an unknown office"}"
                + (r.DuplicateOverride is { } o ? $"; possible duplicates overridden ({o.CandidateIds.Count}): {o.Reason}" : ""),
                Details(("office", r.Office), ("duplicates_overridden", r.DuplicateOverride?.CandidateIds.Count.ToString(CultureInfo.InvariantCulture)),
                    ("reason", r.DuplicateOverride?.Reason))),
            ContactChanged c => (c.ChangedBy, $"Contact changed (municipality: {c.Address?.Municipality ?? "none"})",
                Details(("municipality", c.Address?.Municipality))),
            LanguagesChanged l => (l.ChangedBy, $"Languages changed: {string.Join(", ", l.Languages.Select(x => x.Code))}"
                + (l.PreferredLanguage is null ? "" : $"; preferred {l.PreferredLanguage}") + (l.InterpreterRequired ? "; interpreter required" : ""),
                Details(("languages", string.Join(",", l.Languages.Select(x => x.Code))), ("preferred_language", l.PreferredLanguage),
                    ("interpreter_required", l.InterpreterRequired ? "true" : "false"))),
            LegalStatusChanged s => (s.ChangedBy, $"Legal status: {Name(s.LegalStatus.Category)}"
                + (s.LegalStatus.ValidUntil is { } until ? $", valid until {until:yyyy-MM-dd}" : ""),
                Details(("category", Name(s.LegalStatus.Category)), ("valid_until", s.LegalStatus.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
            ConsentGiven g => (g.RecordedBy, $"Consent given for {Name(g.Purpose)} to "
                + (g.RecipientOrganisationId is { } org ? $"organisation {org}" : $"{Name(g.RecipientServiceCategory!.Value)} services")
                + $" ({string.Join(", ", g.DataCategories.Select(Name))})" + (g.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd}" : ""),
                Details(("consent_id", g.ConsentId.ToString()), ("purpose", Name(g.Purpose)), ("organisation_id", g.RecipientOrganisationId?.ToString()),
                    ("category", g.RecipientServiceCategory is { } category ? Name(category) : null),
                    ("data_categories", string.Join(",", g.DataCategories.Select(Name))),
                    ("expires_at", g.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
            ConsentWithdrawn w => (w.WithdrawnBy, $"Consent {w.ConsentId} withdrawn" + (w.Reason is null ? "" : $": {w.Reason}"),
                Details(("consent_id", w.ConsentId.ToString()), ("reason", w.Reason))),
            ConsentExpired x => ("system", $"Consent {x.ConsentId} expired", Details(("consent_id", x.ConsentId.ToString()))),
            NeedAdded n => (n.AddedBy, $"Need added: {Name(n.Domain)} ({Name(n.Priority)})",
                Details(("need_id", n.NeedId.ToString()), ("domain", Name(n.Domain)), ("priority", Name(n.Priority)))),
            NeedReprioritised p => (p.ChangedBy, $"Need {p.NeedId} reprioritised to {Name(p.Priority)}",
                Details(("need_id", p.NeedId.ToString()), ("priority", Name(p.Priority)))),
            NeedResolved v => (v.ResolvedBy, $"Need {v.NeedId} resolved: {Name(v.Outcome)}",
                Details(("need_id", v.NeedId.ToString()), ("outcome", Name(v.Outcome)), ("note", v.Note))),
            CaseClosed c => (c.ClosedBy, $"Case closed: {Name(c.Outcome)}", Details(("outcome", Name(c.Outcome)), ("note", c.Note))),
            CaseReopened o => (o.ReopenedBy, $"Case reopened: {o.Reason}", Details(("reason", o.Reason))),
            IdentityCorrected i => (i.CorrectedBy, $"Identity corrected: {i.Reason}", Details(("reason", i.Reason),
                ("date_of_birth", i.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("sex", Name(i.Sex)),
                ("nationalities", string.Join(",", i.Nationalities)))),
            VulnerabilitiesCorrected v => (v.CorrectedBy, $"Vulnerabilities corrected ({string.Join(", ", v.Vulnerabilities.Select(Name))}): {v.Reason}",
                Details(("vulnerabilities", string.Join(",", v.Vulnerabilities.Select(Name))), ("reason", v.Reason))),
            CaseWorkerAssigned a => (a.AssignedBy, $"Case assigned to {a.CaseWorker.Name}" + (a.Reason is null ? "" : $": {a.Reason}"),
                Details(("case_worker_id", a.CaseWorker.Id), ("case_worker_name", a.CaseWorker.Name), ("reason", a.Reason))),
            CaseTransferred t => (t.TransferredBy, $"Case transferred from {t.FromOffice ?? "no office"} to {t.ToOffice}: {t.Reason}",
                Details(("from_office", t.FromOffice), ("to_office", t.ToOffice), ("reason", t.Reason))),
            HouseholdJoined h => (h.By, $"Joined a household as {Name(h.Relationship)}",
                Details(("household_id", h.HouseholdId.ToString()), ("relationship", Name(h.Relationship)))),
            HouseholdLeft h => (h.By, "Left the household", Details(("household_id", h.HouseholdId.ToString()))),
            ClientMerged m => (m.MergedBy, $"Merged into another record of the same person: {m.Reason}",
                Details(("survivor_id", m.SurvivorId.ToString()), ("reason", m.Reason))),
            ClientAbsorbed a => (a.MergedBy, $"Another record of the same person merged into this one ({a.Needs.Count} needs, {a.Consents.Count} consents): {a.Reason}",
                Details(("duplicate_id", a.DuplicateId.ToString()), ("needs", a.Needs.Count.ToString(CultureInfo.InvariantCulture)),
                    ("consents", a.Consents.Count.ToString(CultureInfo.InvariantCulture)), ("reason", a.Reason))),
            ClientUnmerged u => (u.UnmergedBy, $"Merge undone: a record of its own again: {u.Reason}",
                Details(("survivor_id", u.SurvivorId.ToString()), ("reason", u.Reason))),
            ClientSplitOff o => (o.UnmergedBy, $"Merge undone: the other record's case went back to it: {o.Reason}",
                Details(("duplicate_id", o.DuplicateId.ToString()), ("reason", o.Reason))),
            _ => ("system", e.EventTypeName, Details()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, by, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.EventType.Name), summary, details)
        {
            ByName = e.UserName,
        };
    }

    public static Dictionary<string, string> Details(params (string Name, string? Value)[] facts) =>
        facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Name, fact => fact.Value!);

    private static async Task<Results<Ok<ListPage<HistoryEntry>>, ValidationProblem, AccessRefusal>> HandleAsync(
        Guid clientId, int? page, int? pageSize, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        var events = await session.Events.FetchStreamAsync(clientId, token: cancellationToken);

        AccessLogging.Record(session, http.User, "GetClientHistory", [clientId], clock.GetUtcNow());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ListPage<HistoryEntry>(
            [.. events.Skip(request.Skip).Take(request.PageSize).Select(Describe)], request.Page, request.PageSize, events.Count));
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
