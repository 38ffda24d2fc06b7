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
    /// The service defaults plus what every API needs: JWT bearer authentication, a token required
    /// on every endpoint unless it opts out, and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults(serviceName);
        var auth = AuthSettings.From(builder.Configuration, builder.Environment);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Authority ?? auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = auth.DevelopmentKey,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = IntegrationClaims.Subject,
                    RoleClaimType = IntegrationClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (auth.Authority is not null)
                {
                    options.Authority = auth.Authority;
                    options.Audience = auth.Audience;
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Middleware and the anonymous endpoints (health, OpenAPI) every API has.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseServiceDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
