namespace Integration.Referrals.Tests;

/// <summary>The authorization matrix with every tenant's rows in one database.</summary>
public sealed class AuthorizationMatrixTests(ReferralsFixture service) : AuthorizationMatrix(service), IClassFixture<ReferralsFixture>;

/// <summary>The authorization matrix with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantAuthorizationMatrixTests(DatabasePerTenantReferralsFixture service) : AuthorizationMatrix(service), IClassFixture<DatabasePerTenantReferralsFixture>;

/// <summary>docs/authorization.md against every endpoint and role, for the default tenant and for another one, in both storage modes.</summary>
public abstract class AuthorizationMatrix(ReferralsFixture service)
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("referrals", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task every_endpoint_answers_every_role_of_another_tenant_as_the_authorization_matrix_says()
    {
        var tenant = (await Scenario.OnboardedAsync(service)).Tenant;

        var differences = await AccessMatrix.WalkAsync("referrals", service.Services, service.CreateClient, tenant);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
