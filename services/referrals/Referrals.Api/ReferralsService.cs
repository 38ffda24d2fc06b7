namespace Integration.Referrals;

/// <summary>Marks the referrals API's assembly (for WebApplicationFactory) and names the service.</summary>
public sealed class ReferralsService
{
    public const string Name = "referrals";
}
