using Integration.Eventing;
using Integration.ServiceDefaults;
using JasperFx.Events.Projections;
using Marten;

namespace Integration.Referrals.Directory;

/// <summary>A partner organisation: housing association, job centre, clinic, legal aid, language school…</summary>
public sealed record Organisation(
    Guid Id, string Name, string Description, string? Email, string? Website, DateTimeOffset RegisteredAt, DateTimeOffset LastModified,
    int Version) : IStreamReadModel
{
    public static Organisation Create(OrganisationRegistered e)
    {
        return new(e.OrganisationId, e.Name, e.Description, e.Email, e.Website, e.RegisteredAt, e.RegisteredAt, Version: 1);
    }

    public Organisation Apply(OrganisationShared e) => this with { LastModified = e!.At };
}

/// <summary>The organisation joined another tenant's directory under the same id (a partner serving several tenants).</summary>
public sealed record OrganisationShared(Guid OrganisationId, string TenantId, string By, DateTimeOffset At);

public sealed record OrganisationRegistered(
    Guid OrganisationId, string Name, string Description, string? Email, string? Website, string RegisteredBy, DateTimeOffset RegisteredAt);

internal static class Organisations
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Organisation>(SnapshotLifecycle.Inline);
        options.Schema.For<Organisation>().Duplicate(organisation => organisation.Name);
    }
}
