using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;

namespace Integration.Intake.Clients.Needs;

/// <summary>What the use cases on an existing need share: it must exist and still be open.</summary>
internal static class NeedRules
{
    public const string PriorityRequired = "This field is required (low, medium, high, urgent).";

    public static void RequireOpen(Client client, Guid needId)
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
