using Integration.ServiceDefaults;

namespace Integration.Referrals;

/// <summary>Referrals' names for the role policies defined in <see cref="AccessPolicies"/>. Partner staff act only for the organisation in their <c>org</c> claim.</summary>
internal static class ReferralsRoles
{
    public const string Coordination = AccessPolicies.ReferralsCoordination;
    public const string ReadDirectory = AccessPolicies.ReferralsReadDirectory;
    public const string CaseWork = AccessPolicies.ReferralsCaseWork;
    public const string CaseWorkOrCoordination = AccessPolicies.ReferralsCaseWorkOrCoordination;
    public const string Partner = AccessPolicies.ReferralsPartner;
    public const string ReadReferral = AccessPolicies.ReferralsReadReferral;
    public const string PostUpdate = AccessPolicies.ReferralsPostUpdate;
}
