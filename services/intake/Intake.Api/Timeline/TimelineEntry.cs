using System.Globalization;
using Integration.Intake.Clients;
using Integration.Intake.Clients.History;
using Integration.Intake.Notes;
using Integration.Intake.Plans;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Integration.Intake.Timeline;

/// <summary>
/// One thing that happened in a client's case, in any service: when, who (a name staff recognise),
/// which service, a dotted <see cref="Type"/> (<c>referral.declined</c>), an English summary and the
/// facts as values for a screen to word in its own language. Intake's own events are filed by an
/// inline projection; referrals' and mediators' arrive as integration events (<see cref="Feeding"/>),
/// so the timeline keeps working while those services are down and catches up after.
/// </summary>
public sealed record TimelineEntry(
    Guid Id, Guid ClientId, DateTimeOffset At, StaffMember By, string Service, string Type, string Summary, IReadOnlyDictionary<string, string> Details)
{
    public static readonly StaffMember System = new("system", "System");

    /// <summary>Who did it: the account id from the event, the name from the event's metadata (stamped by the writing request).</summary>
    public static StaffMember Staff(string? id, string? name) =>
        id is null or "system" ? System : new StaffMember(id, string.IsNullOrWhiteSpace(name) ? id : name);
}

/// <summary>Files every intake event that belongs to a case on the case's timeline, in the same transaction as the event.</summary>
public sealed partial class TimelineProjection : EventProjection
{
    private static readonly Dictionary<Type, string> ClientEventTypes = new()
    {
        [typeof(ClientRegistered)] = "client.registered",
        [typeof(ContactChanged)] = "client.contact_changed",
        [typeof(LanguagesChanged)] = "client.languages_changed",
        [typeof(LegalStatusChanged)] = "client.legal_status_changed",
        [typeof(IdentityCorrected)] = "client.identity_corrected",
        [typeof(VulnerabilitiesCorrected)] = "client.vulnerabilities_corrected",
        [typeof(ConsentGiven)] = "consent.given",
        [typeof(ConsentWithdrawn)] = "consent.withdrawn",
        [typeof(ConsentExpired)] = "consent.expired",
        [typeof(NeedAdded)] = "need.added",
        [typeof(NeedReprioritised)] = "need.reprioritised",
        [typeof(NeedResolved)] = "need.resolved",
        [typeof(CaseClosed)] = "case.closed",
        [typeof(CaseReopened)] = "case.reopened",
        [typeof(CaseWorkerAssigned)] = "case.assigned",
        [typeof(CaseTransferred)] = "case.transferred",
        [typeof(HouseholdJoined)] = "household.joined",
        [typeof(HouseholdLeft)] = "household.left",
        [typeof(ClientMerged)] = "client.merged",
        [typeof(ClientAbsorbed)] = "client.duplicate_merged",
        [typeof(ClientUnmerged)] = "client.unmerged",
        [typeof(ClientSplitOff)] = "client.duplicate_unmerged",
    };

    private static readonly Type[] OwnEventTypes =
    [
        typeof(PlanDrafted), typeof(PlanRevised), typeof(PlanAgreed), typeof(PlanReviewed), typeof(PlanActionDone), typeof(PlanClosed),
        typeof(PlanExpired), typeof(CaseNoteAdded), typeof(ClientErased),
    ];

    public TimelineProjection()
    {
        foreach (var type in ClientEventTypes.Keys.Concat(OwnEventTypes))
        {
            IncludeType(type);
        }
    }

    public static void Configure(StoreOptions options)
    {
        options.Schema.For<TimelineEntry>().Duplicate(entry => entry.ClientId).Duplicate(entry => entry.At);
        options.Projections.Add(new TimelineProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ClientErased erased)
        {
            operations.DeleteWhere<TimelineEntry>(entry => entry.ClientId == erased.ClientId);
        }
        else if (Describe(e) is { } entry)
        {
            operations.Store(entry);
        }

        return ValueTask.CompletedTask;
    }

    public static TimelineEntry? Describe(IEvent e)
    {
        if (ClientEventTypes.TryGetValue(e.EventType, out var type))
        {
            var history = GettingHistory.Describe(e);
            return new TimelineEntry(e.Id, e.StreamId, e.Timestamp, TimelineEntry.Staff(history.By, e.UserName), IntakeService.Name, type,
                history.Summary, history.Details);
        }

        var (clientId, by, kind, summary, details) = e.Data switch
        {
            PlanDrafted p => (p.ClientId, p.DraftedBy, "plan.drafted",
                $"Plan drafted for {p.StartsOn:yyyy-MM-dd} to {p.EndsOn:yyyy-MM-dd}: {p.Goals.Count} goals, {p.Actions.Count} actions",
                Plan(p.PlanId, ("starts_on", Day(p.StartsOn)), ("ends_on", Day(p.EndsOn)), ("goals", Count(p.Goals.Count)), ("actions", Count(p.Actions.Count)))),
            PlanRevised p => (p.ClientId, p.RevisedBy, "plan.revised", $"Plan changed: version {p.PlanVersion}, to be agreed",
                Plan(p.PlanId, ("version", Count(p.PlanVersion)), ("starts_on", Day(p.StartsOn)), ("ends_on", Day(p.EndsOn)))),
            PlanAgreed p => (p.ClientId, p.AgreedBy, "plan.agreed", $"Plan version {p.PlanVersion} agreed on {p.AgreedOn:yyyy-MM-dd} (explained in {p.Language})",
                Plan(p.PlanId, ("version", Count(p.PlanVersion)), ("agreed_on", Day(p.AgreedOn)), ("language", p.Language), ("note", p.Note),
                    ("next_review_on", p.NextReviewOn is { } next ? Day(next) : null))),
            PlanReviewed p => (p.ClientId, p.ReviewedBy, "plan.reviewed",
                $"Plan reviewed on {p.ReviewedOn:yyyy-MM-dd}: " + string.Join(", ", p.Goals.Select(goal => GettingHistory.Name(goal.Progress))),
                Plan(p.PlanId, ("reviewed_on", Day(p.ReviewedOn)), ("progress", string.Join(",", p.Goals.Select(goal => GettingHistory.Name(goal.Progress)))),
                    ("next_review_on", p.NextReviewOn is { } next ? Day(next) : null))),
            PlanActionDone p => (p.ClientId, p.By, "plan.action_done", $"Plan action done on {p.DoneOn:yyyy-MM-dd}",
                Plan(p.PlanId, ("action_id", p.ActionId.ToString()), ("done_on", Day(p.DoneOn)), ("note", p.Note))),
            PlanClosed p => (p.ClientId, p.ClosedBy, "plan.closed", $"Plan closed: {GettingHistory.Name(p.Outcome)}",
                Plan(p.PlanId, ("outcome", GettingHistory.Name(p.Outcome)), ("note", p.Note))),
            PlanExpired p => (p.ClientId, "system", "plan.expired", $"Plan expired: it ended on {p.EndsOn:yyyy-MM-dd}",
                Plan(p.PlanId, ("ends_on", Day(p.EndsOn)))),
            CaseNoteAdded n => (n.ClientId, n.AddedBy, "note.added", "Case note added",
                GettingHistory.Details(("note_id", n.NoteId.ToString()), ("text", n.Text))),
            _ => (Guid.Empty, null, null, null, null),
        };
        return kind is null
            ? null
            : new TimelineEntry(e.Id, clientId, e.Timestamp, TimelineEntry.Staff(by, e.UserName), IntakeService.Name, kind, summary!, details!);
    }

    private static Dictionary<string, string> Plan(Guid planId, params (string Name, string? Value)[] facts) =>
        GettingHistory.Details([("plan_id", planId.ToString()), .. facts]);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
