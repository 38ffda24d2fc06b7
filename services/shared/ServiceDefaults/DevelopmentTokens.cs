using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Integration.ServiceDefaults;

/// <summary>Issues tokens signed with the development key; the gateway serves it as <c>POST /dev/token</c>.</summary>
public static class DevelopmentTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static IssuedToken Issue(AuthSettings settings, TokenRequest request, DateTimeOffset now)
    {
        var key = settings.DevelopmentKey
            ?? throw new InvalidOperationException("Development tokens need Auth:DevelopmentSigningKey.");

        var claims = new Dictionary<string, object>
        {
            [IntegrationClaims.Subject] = request.Sub!,
            [IntegrationClaims.Role] = request.Role!,
        };
        AddIfPresent(claims, IntegrationClaims.Organisation, request.Org);
        AddIfPresent(claims, IntegrationClaims.Office, request.Office);
        AddIfPresent(claims, IntegrationClaims.Name, request.Name);
        if (request.Tenants is { Count: > 0 } tenants)
        {
            claims[IntegrationClaims.Tenant] = tenants.ToArray();
        }
        else
        {
            AddIfPresent(claims, IntegrationClaims.Tenant, request.Tenant);
        }

        var expiresAt = now.Add(Lifetime);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expiresAt);
    }

    private static void AddIfPresent(Dictionary<string, object> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            claims[type] = value;
        }
    }
}

/// <summary>Body of <c>POST /dev/token</c> (docs/api.md).</summary>
public sealed record TokenRequest(string? Sub, string? Role, string? Org, string? Office, string? Name, string? Tenant = null)
{
    /// <summary>Several tenants, for partner staff of an organisation that serves several (instead of <see cref="Tenant"/>; the first is the default).</summary>
    public IReadOnlyList<string>? Tenants { get; init; }

    private const int MaxLength = 200;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.RequireText("sub", Sub, MaxLength);
        if (string.IsNullOrWhiteSpace(Role))
        {
            errors.Add("role", "The role is required.");
        }
        else if (!IntegrationClaims.Roles.Contains(Role))
        {
            errors.Add("role", $"Unknown role; use one of: {string.Join(", ", IntegrationClaims.Roles)}.");
        }

        errors.OptionalText("org", Org, MaxLength);
        errors.OptionalText("office", Office, MaxLength);
        errors.OptionalText("name", Name, MaxLength);
        if (Tenant is not null && !TenantIds.IsTenantId(Tenant))
        {
            errors.Add("tenant", "A tenant id is 2 to 40 lower-case letters, digits and '-'.");
        }

        if (Tenants is not null && (Tenant is not null || Tenants.Count is 0 or > 20 || !Tenants.All(TenantIds.IsTenantId)))
        {
            errors.Add("tenants", "1 to 20 tenant ids (2 to 40 lower-case letters, digits and '-'), and no tenant beside them.");
        }

        return errors;
    }
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>The claims every service reads from a token.</summary>
public static class IntegrationClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Organisation = "org";
    public const string Office = "office";
    public const string Name = "name";
    public const string Tenant = "tenant";

    public static readonly IReadOnlySet<string> Roles =
        new HashSet<string>(["frontdesk", "caseworker", "partner", "mediator", "coordinator", "admin", "platform_admin"], StringComparer.Ordinal);

    /// <summary>Who did it, for events: the token's subject.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        return user.FindFirstValue(Subject) ?? throw new InvalidOperationException("An authenticated user always has a subject.");
    }

    /// <summary>How staff see who did it: the token's <c>name</c>, else its subject.</summary>
    public static string DisplayName(this ClaimsPrincipal user)
    {
        return user.FindFirstValue(Name) is { Length: > 0 } name ? name : user.Actor();
    }
}
