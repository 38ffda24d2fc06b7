using System.Text.Json;
using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using JasperFx.Events;
using Marten;

namespace Integration.Intake.Clients.History;

public sealed record HistoryEntry(long Version, DateTimeOffset At, string By, string Type, string Summary);

/// <summary><c>GET /clients/{id}/history</c>: every change, straight from the client's event stream.</summary>
public static class GettingHistory
{
    public static RouteHandlerBuilder MapGetHistory(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/history", HandleAsync)
            .WithName("GetClientHistory")
            .RequireAuthorization(IntakeRoles.ReadHistory)
            .Produces<ListPage<HistoryEntry>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static HistoryEntry Describe(IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var (by, summary) = e.Data switch
        {
            ClientRegistered r => (r.RegisteredBy, $"Registered at {r.Office ?? "an unknown office"}"
                + (r.DuplicateOverride is { } o ? $"; possible duplicates overridden ({o.CandidateIds.Count}): {o.Reason}" : "")),
            ContactChanged c => (c.ChangedBy, $"Contact changed (municipality: {c.Address?.Municipality ?? "none"})"),
            LanguagesChanged l => (l.ChangedBy, $"Languages changed: {string.Join(", ", l.Languages.Select(x => x.Code))}"
                + (l.PreferredLanguage is null ? "" : $"; preferred {l.PreferredLanguage}") + (l.InterpreterRequired ? "; interpreter required" : "")),
            LegalStatusChanged s => (s.ChangedBy, $"Legal status: {Name(s.LegalStatus.Category)}"
                + (s.LegalStatus.ValidUntil is { } until ? $", valid until {until:yyyy-MM-dd}" : "")),
            ConsentGiven g => (g.RecordedBy, $"Consent given for {Name(g.Purpose)} to "
                + (g.RecipientOrganisationId is { } org ? $"organisation {org}" : $"{Name(g.RecipientServiceCategory!.Value)} services")
                + $" ({string.Join(", ", g.DataCategories.Select(Name))})" + (g.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd}" : "")),
            ConsentWithdrawn w => (w.WithdrawnBy, $"Consent {w.ConsentId} withdrawn" + (w.Reason is null ? "" : $": {w.Reason}")),
            ConsentExpired x => ("system", $"Consent {x.ConsentId} expired"),
            NeedAdded n => (n.AddedBy, $"Need added: {Name(n.Domain)} ({Name(n.Priority)})"),
            NeedReprioritised p => (p.ChangedBy, $"Need {p.NeedId} reprioritised to {Name(p.Priority)}"),
            NeedResolved v => (v.ResolvedBy, $"Need {v.NeedId} resolved: {Name(v.Outcome)}"),
            CaseClosed c => (c.ClosedBy, $"Case closed: {Name(c.Outcome)}"),
            CaseReopened o => (o.ReopenedBy, $"Case reopened: {o.Reason}"),
            _ => ("system", e.EventTypeName),
        };
        return new HistoryEntry(e.Version, e.Timestamp, by, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.EventType.Name), summary);
    }

    private static async Task<IResult> HandleAsync(
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

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
