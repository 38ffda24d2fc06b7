namespace Integration.Referrals.Tests;

public sealed class ReferralsFixture() : ServiceFixture<ReferralsService>(ReferralsService.Name);
