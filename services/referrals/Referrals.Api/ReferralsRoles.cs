using Integration.ServiceDefaults;

namespace Integration.Referrals;

/// <summary>Who may do what in referrals (api.md, "who"). Partner staff act only for the organisation in their <c>org</c> claim.</summary>
public static class ReferralsRoles
{
    public const string Coordination = "referrals.coordination";
    public const string ReadDirectory = "referrals.read-directory";
    public const string CaseWork = "referrals.case-work";
    public const string CaseWorkOrCoordination = "referrals.case-work-or-coordination";
    public const string Partner = "referrals.partner";
    public const string ReadReferral = "referrals.read-referral";

    public static WebApplicationBuilder AddReferralsRoles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Coordination, policy => policy.RequireRole("coordinator", "admin"))
            .AddPolicy(ReadDirectory, policy => policy.RequireRole("frontdesk", "caseworker", "partner", "mediator", "coordinator", "admin"))
            .AddPolicy(CaseWork, policy => policy.RequireRole("caseworker"))
            .AddPolicy(CaseWorkOrCoordination, policy => policy.RequireRole("caseworker", "coordinator"))
            .AddPolicy(Partner, policy => policy.RequireRole("partner").RequireClaim(IntegrationClaims.Organisation))
            .AddPolicy(ReadReferral, policy => policy.RequireRole("caseworker", "partner", "coordinator"));
        return builder;
    }
}
