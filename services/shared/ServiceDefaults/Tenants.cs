using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Integration.ServiceDefaults;

/// <summary>
/// Tenants (docs/architecture.md, "Tenancy"): a city or a consortium running a one-stop-shop on a shared deployment.
/// A token's <c>tenant</c> claim names the caller's; a token without one acts in the deployment's default tenant.
/// </summary>
public static partial class TenantIds
{
    /// <summary>What a tenant id looks like: lower-case letters, digits and '-', 2 to 40 characters, starting with a letter or digit.</summary>
    public static bool IsTenantId(string? value) => value is not null && Shape().IsMatch(value);

    /// <summary>The tenant the token names (the first, when it names several), or null when it names none (the default tenant).</summary>
    public static string? Tenant(this ClaimsPrincipal user) => user.FindFirstValue(IntegrationClaims.Tenant);

    /// <summary>
    /// Every tenant the token names: one for staff of a city, several for a partner organisation that serves several (the claim is
    /// then an array), none for a token of the default tenant.
    /// </summary>
    public static IReadOnlyList<string> Tenants(this ClaimsPrincipal user) =>
        [.. user.FindAll(IntegrationClaims.Tenant).Select(claim => claim.Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex Shape();
}

/// <summary>
/// Which tenants exist, as a service knows them: token validation fails a token that names any other (401). Services with a
/// store register one; the gateway has none and leaves the check to the services behind it.
/// </summary>
public interface ITenantDirectory
{
    ValueTask<bool> ExistsAsync(string tenantId, CancellationToken cancellationToken);
}
