using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Needs;

internal sealed record AddNeedRequest(NeedDomain? Domain, Priority? Priority, string? Description);

internal sealed record ReprioritiseNeedRequest(Priority? Priority);

internal sealed record ResolveNeedRequest(NeedOutcome? Outcome, string? Note);

public sealed record NeedRecorded(Guid NeedId);

/// <summary>Needs are assessed per domain, handled in parallel, each with its own id for referrals to point at.</summary>
internal static class ManagingNeeds
{
    public static FieldErrors Validate(AddNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Domain is null)
        {
            errors.Required("domain");
        }

        if (request.Priority is null)
        {
            errors.Required("priority", "This field is required (low, medium, high, urgent).");
        }

        errors.RequireText("description", request.Description, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static FieldErrors Validate(ReprioritiseNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Priority is null)
        {
            errors.Required("priority", "This field is required (low, medium, high, urgent).");
        }

        return errors;
    }

    public static FieldErrors Validate(ResolveNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome", "This field is required (met, partially_met, not_met, no_longer_needed, referred_elsewhere).");
        }

        errors.OptionalText("note", request.Note, ClientValidation.MaxNoteLength);
        return errors;
    }

    public static NeedAdded Decide(Client client, Guid needId, AddNeedRequest request, string by, DateTimeOffset now)
    {
        if (client.Case.Status == CaseStatus.Closed)
        {
            throw DomainRuleViolated.Conflict("case_closed", "The case is closed; reopen it before adding needs.");
        }

        return new NeedAdded(client.Id, needId, request.Domain!.Value, request.Priority!.Value, request.Description!.Trim(), by, now);
    }

    public static NeedReprioritised Decide(Client client, Guid needId, ReprioritiseNeedRequest request, string by, DateTimeOffset now)
    {
        OpenNeed(client, needId);
        return new NeedReprioritised(client.Id, needId, request.Priority!.Value, by, now);
    }

    public static NeedResolved Decide(Client client, Guid needId, ResolveNeedRequest request, string by, DateTimeOffset now)
    {
        OpenNeed(client, needId);
        return new NeedResolved(client.Id, needId, request.Outcome!.Value, ClientValidation.Trimmed(request.Note), by, now);
    }

    public static IEndpointRouteBuilder MapNeeds(this IEndpointRouteBuilder clients)
    {
        clients.MapClientAddition<AddNeedRequest, NeedRecorded>("/{clientId:guid}/needs", "AddNeed", IntakeRoles.CaseWork,
            (request, _) => Validate(request), (client, needId, request, change) => Decide(client, needId, request, change.Actor, change.Now),
            needId => new NeedRecorded(needId));
        clients.MapClientChange<ReprioritiseNeedRequest>("POST", "/{clientId:guid}/needs/{needId:guid}/reprioritise", "ReprioritiseNeed",
            IntakeRoles.CaseWork, Validate, (client, request, change) => Decide(client, change.RouteId("needId"), request, change.Actor, change.Now));
        clients.MapClientChange<ResolveNeedRequest>("POST", "/{clientId:guid}/needs/{needId:guid}/resolve", "ResolveNeed",
            IntakeRoles.CaseWork, Validate, (client, request, change) => Decide(client, change.RouteId("needId"), request, change.Actor, change.Now));
        return clients;
    }

    private static void OpenNeed(Client client, Guid needId)
    {
        var need = client.FindNeed(needId)
            ?? throw new DomainRuleViolated(ProblemCodes.NotFound, "The client has no need with this id.", StatusCodes.Status404NotFound);
        if (need.Status == NeedStatus.Resolved)
        {
            throw DomainRuleViolated.Conflict("need_resolved", "The need is already resolved.",
                new Dictionary<string, object?> { ["status"] = need.Status });
        }
    }
}
