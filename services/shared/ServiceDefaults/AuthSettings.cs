using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Integration.ServiceDefaults;

/// <summary>
/// The <c>Auth</c> configuration section. Production names an OpenID Connect authority (its JWKS
/// signs the tokens); in the Development environment a development signing key may be configured instead, shared by the
/// gateway's <c>/dev/token</c> and every service.
/// </summary>
public sealed record AuthSettings(string Issuer, string Audience, string? Authority, string? DevelopmentSigningKey)
{
    /// <summary>
    /// Whether the authority's metadata must come over HTTPS (<c>Auth:RequireHttpsMetadata</c>, default
    /// true). False only for an identity provider reached inside the cluster over plain HTTP.
    /// </summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public const string DefaultIssuer = "integration-dev";
    public const string DefaultAudience = "integration";
    private const int MinimumKeyBytes = 32;

    public static AuthSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Auth");
        var settings = new AuthSettings(
            section["Issuer"] ?? DefaultIssuer,
            section["Audience"] ?? DefaultAudience,
            NullIfBlank(section["Authority"]),
            NullIfBlank(section["DevelopmentSigningKey"]))
        {
            RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", defaultValue: true),
        };

        if (settings.Authority is null && settings.DevelopmentSigningKey is null)
        {
            throw new InvalidOperationException(
                "Auth is not configured: set Auth:Authority (an OpenID Connect issuer) or, outside Production, Auth:DevelopmentSigningKey.");
        }

        if (settings.DevelopmentSigningKey is not null)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"Auth:DevelopmentSigningKey is for the Development environment only, not {environment.EnvironmentName} (Production, Staging, …); configure Auth:Authority.");
            }

            if (Encoding.UTF8.GetByteCount(settings.DevelopmentSigningKey) < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"Auth:DevelopmentSigningKey must be at least {MinimumKeyBytes} bytes.");
            }
        }

        return settings;
    }

    public SymmetricSecurityKey? DevelopmentKey =>
        DevelopmentSigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentSigningKey));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
