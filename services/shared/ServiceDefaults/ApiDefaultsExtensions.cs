using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Integration.ServiceDefaults;

public static class ApiDefaultsExtensions
{
    /// <summary>
    /// The service defaults plus what every API needs: token validation (<see cref="AddTokenValidation"/>),
    /// the role policies (<see cref="AccessPolicies"/>) and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddServiceDefaults(serviceName);
        builder.AddTokenValidation();
        builder.Services.AddAccessPolicies();
        builder.Services.AddOpenApi(OpenApiDescription.Describe);
        return builder;
    }

    /// <summary>
    /// JWT bearer authentication (an OpenID Connect authority in production, the development key
    /// elsewhere) and a fallback policy that requires a valid token on every endpoint that does not
    /// opt out. The gateway validates with the same settings before it proxies; services validate again.
    /// </summary>
    public static WebApplicationBuilder AddTokenValidation(this WebApplicationBuilder builder)
    {
        var auth = AuthSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;

                // Why a token failed (a wrong issuer, an expired one) is for the logs, not for whoever sent it.
                options.IncludeErrorDetails = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Authority ?? auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = auth.DevelopmentKey,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = IntegrationClaims.Subject,
                    RoleClaimType = IntegrationClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),

                    // The development key signs HS256 only; an identity provider signs with its keys' RSA or ECDSA algorithms.
                    ValidAlgorithms = auth.Authority is null
                        ? [SecurityAlgorithms.HmacSha256]
                        : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256,
                            SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512],
                };
                options.Events = new JwtBearerEvents
                {
                    // Every write says who did it (the subject); a token that names nobody is no one's. A token naming a tenant
                    // that does not exist acts nowhere: 401, as for a token that is not valid at all.
                    OnTokenValidated = async context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(IntegrationClaims.Subject)?.Value))
                        {
                            context.Fail("The token names no subject.");
                            return;
                        }

                        var directory = context.HttpContext.RequestServices.GetService<ITenantDirectory>();
                        foreach (var tenant in context.Principal.Tenants())
                        {
                            if (!TenantIds.IsTenantId(tenant)
                                || (directory is not null && !await directory.ExistsAsync(tenant, context.HttpContext.RequestAborted)))
                            {
                                context.Fail("The token names a tenant that does not exist.");
                                return;
                            }
                        }
                    },
                };
                if (auth.Authority is not null)
                {
                    options.Authority = auth.Authority;
                    options.Audience = auth.Audience;
                    options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Middleware and the anonymous endpoints (health, OpenAPI) every API has.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
