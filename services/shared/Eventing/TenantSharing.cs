using Integration.ServiceDefaults;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// Sharing a record with another tenant (a mediator, a partner organisation): the body names the tenant, which must exist and not be
/// the caller's own; the record's stream then starts in that tenant under the same id, with the caller's changes (<see cref="AcrossTenants"/>).
/// </summary>
public static class TenantSharing
{
    /// <summary>The tenant a share names, as the store knows it; or the field errors (required, unknown, the caller's own).</summary>
    public static async Task<(string? StorageId, FieldErrors Errors)> TargetAsync(string? tenantId, IQuerySession session, Tenancy tenancy,
        ITenantDirectory tenants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tenancy);
        ArgumentNullException.ThrowIfNull(tenants);
        var errors = new FieldErrors();
        var named = errors.RequireText("tenantId", tenantId, 40);
        if (named is not null && !(TenantIds.IsTenantId(named) && await tenants.ExistsAsync(named, cancellationToken)))
        {
            errors.Add("tenantId", "No tenant with this id.", "unknown_tenant");
        }
        else if (named is not null && tenancy.StorageIdOf(named) == session.TenantId)
        {
            errors.Add("tenantId", "The record is this tenant's already; name another tenant.");
        }

        return (errors.Any || named is null ? null : tenancy.StorageIdOf(named), errors);
    }

    /// <summary>Stages the record's stream in <paramref name="target"/>; 409 <paramref name="alreadyShared"/> when that tenant has it already.</summary>
    public static async Task StartInAsync<TState>(IDocumentSession session, string target, Guid id, string alreadyShared, IReadOnlyList<object> events,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(session);
        var there = AcrossTenants.Operations(session, target);
        if (await there.Events.FetchStreamStateAsync(id, cancellationToken) is not null)
        {
            throw DomainRuleViolated.Conflict(alreadyShared, "That tenant has it already.");
        }

        there.Events.StartStream<TState>(id, [.. events]);
    }
}
