using Integration.ServiceDefaults;
using JasperFx;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Integration.Eventing;

/// <summary>
/// The deployment's tenants as the store keeps them (docs/architecture.md, "Tenancy"). Documents and events are conjoined-tenanted:
/// every row carries its tenant in <c>tenant_id</c>, whether all tenants share one database or each has its own (<see cref="Storage"/>,
/// <see cref="TenantDatabases"/>). The default tenant (<c>Tenancy:DefaultTenant</c>, "default" unless configured), the
/// one every token without a <c>tenant</c> claim acts in, is stored under Marten's own default tenant id, so a store written before
/// tenancy is the default tenant's store as it is; every other tenant is stored under its own id.
/// </summary>
public sealed class Tenancy(string defaultTenant, TenantStorage storage = TenantStorage.Conjoined)
{
    public const string Section = "Tenancy";

    /// <summary>Where the tenants' rows live (<c>Tenancy:Storage</c>): one database for all, or a database per tenant.</summary>
    public TenantStorage Storage { get; } = storage;

    /// <summary>The message header that says which tenant's events a message tells of (the relay sets it, consumers open that tenant).</summary>
    public const string MessageHeader = "tenant-id";

    public string DefaultTenant { get; } = TenantIds.IsTenantId(defaultTenant)
        ? defaultTenant
        : throw new InvalidOperationException($"{Section}:DefaultTenant '{defaultTenant}' is no tenant id: 2 to 40 lower-case letters, digits and '-'.");

    public static Tenancy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration[$"{Section}:Storage"] is { Length: > 0 } named
            ? Enum.TryParse<TenantStorage>(named, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:Storage '{named}' is neither Conjoined nor DatabasePerTenant.")
            : TenantStorage.Conjoined;
        return new(configuration[$"{Section}:DefaultTenant"] ?? "default", storage);
    }

    /// <summary>
    /// The tenant a request acts in, or null for the default tenant. A signed-in caller's is their token's; a token naming several
    /// (partner staff of an organisation serving several tenants) acts in the one the request's <c>?tenant=</c> names among them, else
    /// in the first. A public request (the HSDS directory) names one in <c>?tenant=</c>, which
    /// <see cref="PublicTenants.RequireKnownTenant"/> has checked.
    /// </summary>
    public static string? OfRequest(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return PublicTenants.Named(http);
        }

        var tenants = http.User.Tenants();
        return ChosenAmong(http, tenants) ?? (tenants.Count > 0 ? tenants[0] : null);
    }

    /// <summary>
    /// The tenants a request reads together, or null when it reads one (<see cref="OfRequest"/>): every tenant of a token naming several
    /// (partner staff of an organisation serving several tenants) when the request names none of them in <c>?tenant=</c>. Only the
    /// lists that merge tenants ask this (a shared partner's inbox, a shared mediator's bookings); everything else acts in one tenant.
    /// </summary>
    public static IReadOnlyList<string>? AllOfRequest(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tenants = http.User.Tenants();
        return tenants.Count > 1 && ChosenAmong(http, tenants) is null ? tenants : null;
    }

    /// <summary>The tenant the request's <c>?tenant=</c> chooses among a token's several; null when it chooses none of them.</summary>
    private static string? ChosenAmong(HttpContext http, IReadOnlyList<string> tenants) =>
        tenants.Count > 1 && PublicTenants.Named(http) is { } named && tenants.Contains(named) ? named : null;

    /// <summary>The store's tenant id of a tenant; null (no claim) is the default tenant.</summary>
    public string StorageIdOf(string? tenantId) =>
        tenantId is null || tenantId == DefaultTenant ? StorageConstants.DefaultTenantId : tenantId;

    /// <summary>The tenant id a store's tenant id stands for.</summary>
    public string TenantIdOf(string storageId) => storageId == StorageConstants.DefaultTenantId ? DefaultTenant : storageId;

    /// <summary>
    /// The store's tenant id a consumed message acts in: its <see cref="MessageHeader"/>. A message without one was published before
    /// tenancy, when the default tenant was the only one.
    /// </summary>
    public static string StorageIdOf(ConsumeContext context) =>
        context.Headers.Get<string>(MessageHeader) is { Length: > 0 } tenant ? tenant : StorageConstants.DefaultTenantId;
}
