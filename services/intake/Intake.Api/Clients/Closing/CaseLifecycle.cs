using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Closing;

internal sealed record CloseCaseRequest(CaseOutcome? Outcome, string? Note);

internal sealed record ReopenCaseRequest(string? Reason);

/// <summary>A case opens on registration, closes with an outcome, and reopens with a reason (needs surface months later).</summary>
internal static class CaseLifecycle
{
    public static FieldErrors Validate(CloseCaseRequest request)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome");
        }

        errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static FieldErrors Validate(ReopenCaseRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static CaseClosed Decide(Client client, CloseCaseRequest request, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is already closed.", new Dictionary<string, object?> { ["status"] = client.Case.Status });
        }

        return new CaseClosed(client.Id, request.Outcome!.Value, ClientValidation.Trimmed(request.Note), by, now);
    }

    public static CaseReopened Decide(Client client, ReopenCaseRequest request, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Open)
        {
            throw DomainRuleViolated.Conflict("case_open", "The case is open; only a closed case can be reopened.",
                new Dictionary<string, object?> { ["status"] = client.Case.Status });
        }

        return new CaseReopened(client.Id, request.Reason!.Trim(), by, now);
    }

    public static IEndpointRouteBuilder MapCaseLifecycle(this IEndpointRouteBuilder clients)
    {
        clients.MapClientChange<CloseCaseRequest>("POST", "/{clientId:guid}/close", "CloseCase", IntakeRoles.CaseWork,
            Validate, (client, request, change) => Decide(client, request, change.Actor, change.Now));
        clients.MapClientChange<ReopenCaseRequest>("POST", "/{clientId:guid}/reopen", "ReopenCase", IntakeRoles.CaseWork,
            Validate, (client, request, change) => Decide(client, request, change.Actor, change.Now));
        return clients;
    }
}
