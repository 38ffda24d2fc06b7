using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.ServiceDefaults;

/// <summary>
/// Every role policy of the system, defined once: which roles each named policy admits. Services
/// put the names on their endpoints (through their own <c>…Roles</c> aliases) and check records
/// (organisation, own bookings) in their handlers. <c>docs/authorization.md</c> is the same matrix
/// per endpoint, and each service's <c>AuthorizationMatrixTests</c> walks it.
/// </summary>
public static class AccessPolicies
{
    public const string IntakeRegister = "intake.register";
    public const string IntakeReadClients = "intake.read-clients";
    public const string IntakeCaseWork = "intake.case-work";
    public const string IntakeRecordConsent = "intake.record-consent";
    public const string IntakeReadHistory = "intake.read-history";
    public const string IntakeReadAccessLog = "intake.read-access-log";
    public const string IntakeErase = "intake.erase";

    /// <summary>
    /// A person's data as every service holds it (the subject access export): a coordinator's, like
    /// erasure. An administrator runs the system (directory, mediator pool, the access log's audit of
    /// who read what) but reads no person's data.
    /// </summary>
    public const string ExportClientData = "client-data.export";
    public const string IntakeCaseStaff = "intake.case-staff";
    public const string IntakeAssign = "intake.assign";
    public const string IntakeDuplicates = "intake.duplicates";
    public const string IntakeTransfer = "intake.transfer";
    public const string IntakeStatistics = "intake.statistics";

    /// <summary>Onboarding tenants: the platform administrator's alone, a role no other policy admits, so it reads no client data.</summary>
    public const string IntakeManageTenants = "intake.manage-tenants";

    public const string ReferralsCoordination = "referrals.coordination";
    public const string ReferralsReadDirectory = "referrals.read-directory";
    public const string ReferralsCaseWork = "referrals.case-work";
    public const string ReferralsCaseWorkOrCoordination = "referrals.case-work-or-coordination";
    public const string ReferralsPartner = "referrals.partner";
    public const string ReferralsReadReferral = "referrals.read-referral";
    public const string ReferralsPostUpdate = "referrals.post-update";

    public const string MediatorsCoordination = "mediators.coordination";
    public const string MediatorsCoordinationOrMediator = "mediators.coordination-or-mediator";
    public const string MediatorsRequestBooking = "mediators.request-booking";
    public const string MediatorsReadBookings = "mediators.read-bookings";
    public const string MediatorsReadClients = "mediators.read-clients";

    private static readonly string[] Everyone = ["frontdesk", "caseworker", "partner", "mediator", "coordinator", "admin"];

    private static readonly (string Name, Action<AuthorizationPolicyBuilder> Admit)[] Policies =
    [
        (IntakeRegister, policy => policy.RequireRole("frontdesk", "caseworker")),
        (IntakeReadClients, policy => policy.RequireRole("frontdesk", "caseworker", "coordinator")),
        (IntakeCaseWork, policy => policy.RequireRole("caseworker")),
        (IntakeRecordConsent, policy => policy.RequireRole("frontdesk", "caseworker")),
        (IntakeReadHistory, policy => policy.RequireRole("caseworker", "coordinator")),
        (IntakeReadAccessLog, policy => policy.RequireRole("coordinator", "admin")),
        (IntakeErase, policy => policy.RequireRole("coordinator")),
        (ExportClientData, policy => policy.RequireRole("coordinator")),
        (IntakeCaseStaff, policy => policy.RequireRole("frontdesk", "caseworker")),
        (IntakeAssign, policy => policy.RequireRole("caseworker", "coordinator")),
        (IntakeDuplicates, policy => policy.RequireRole("caseworker", "coordinator")),
        (IntakeTransfer, policy => policy.RequireRole("coordinator")),
        (IntakeStatistics, policy => policy.RequireRole("coordinator")),
        (IntakeManageTenants, policy => policy.RequireRole("platform_admin")),

        (ReferralsCoordination, policy => policy.RequireRole("coordinator", "admin")),
        (ReferralsReadDirectory, policy => policy.RequireRole(Everyone)),
        (ReferralsCaseWork, policy => policy.RequireRole("caseworker")),
        (ReferralsCaseWorkOrCoordination, policy => policy.RequireRole("caseworker", "coordinator")),
        (ReferralsPartner, policy => policy.RequireRole("partner").RequireClaim(IntegrationClaims.Organisation)),
        (ReferralsReadReferral, policy => policy.RequireRole("caseworker", "partner", "coordinator")),
        (ReferralsPostUpdate, policy => policy.RequireAssertion(context =>
            context.User.IsInRole("caseworker") || (context.User.IsInRole("partner") && context.User.Organisation() is not null))),

        (MediatorsCoordination, policy => policy.RequireRole("coordinator", "admin")),
        (MediatorsCoordinationOrMediator, policy => policy.RequireRole("coordinator", "admin", "mediator")),
        // Partner staff book for their organisation, so they need one: without it they could not see the booking again.
        (MediatorsRequestBooking, policy => policy.RequireAssertion(context =>
            context.User.IsInRole("frontdesk") || context.User.IsInRole("caseworker")
            || (context.User.IsInRole("partner") && context.User.Organisation() is not null))),
        (MediatorsReadBookings, policy => policy.RequireRole(Everyone)),
        (MediatorsReadClients, policy => policy.RequireRole("frontdesk", "caseworker", "coordinator", "admin")),
    ];

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (name, admit) in Policies)
        {
            authorization.AddPolicy(name, admit);
        }

        return services;
    }

    /// <summary>The organisation in the token's <c>org</c> claim, when it is one.</summary>
    public static Guid? Organisation(this ClaimsPrincipal user)
    {
        return Guid.TryParse(user.FindFirstValue(IntegrationClaims.Organisation), out var organisation) ? organisation : null;
    }
}
