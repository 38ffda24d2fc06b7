using Integration.Eventing;
using Marten.Events.Projections;

namespace Integration.Intake.Tenants;

/// <summary>
/// A tenant was onboarded: the only event of its stream, kept in the store's default tenant (the platform's own records). Every
/// service keeps a <see cref="KnownTenant"/> of it (intake in the same transaction, the others from <c>TenantOnboarded</c>).
/// </summary>
public sealed record TenantOnboarded(
    string TenantId, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices, string OnboardedBy,
    DateTimeOffset OnboardedAt)
{
    public KnownTenant ToKnownTenant() => new(TenantId, Name, TimeZone, DefaultLanguage, Offices);
}

/// <summary>Intake's copy of each tenant, written with the onboarding: tokens naming the tenant are accepted as soon as it commits.</summary>
public sealed partial class KnownTenantProjection : EventProjection
{
    public KnownTenant Create(TenantOnboarded onboarded) => onboarded.ToKnownTenant();
}

/// <summary>A tenant as <c>/tenants</c> shows it.</summary>
public sealed record TenantView(string TenantId, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices)
{
    public static TenantView Of(KnownTenant tenant) => new(tenant.Id, tenant.Name, tenant.TimeZone, tenant.DefaultLanguage, tenant.Offices);
}

internal static class TenantRegistry
{
    public const int MaxNameLength = 200;
    public const int MaxOffices = 100;

    /// <summary>The languages the portal speaks: what a tenant's staff may see by default.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "it"];

    /// <summary>The tenant's stream: one per tenant id, so a second onboarding of an id collides.</summary>
    public static Guid StreamIdOf(string tenantId) => DeterministicIds.From($"tenant:{tenantId}");
}
