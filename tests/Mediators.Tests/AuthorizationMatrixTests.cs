namespace Integration.Mediators.Tests;

/// <summary>The authorization matrix with every tenant's rows in one database.</summary>
public sealed class AuthorizationMatrixTests(MediatorsFixture service) : AuthorizationMatrix(service), IClassFixture<MediatorsFixture>;

/// <summary>The authorization matrix with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantAuthorizationMatrixTests(DatabasePerTenantMediatorsFixture service) : AuthorizationMatrix(service), IClassFixture<DatabasePerTenantMediatorsFixture>;

/// <summary>docs/authorization.md against every endpoint and role, for the default tenant and for another one, in both storage modes.</summary>
public abstract class AuthorizationMatrix(MediatorsFixture service)
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("mediators", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task every_endpoint_answers_every_role_of_another_tenant_as_the_authorization_matrix_says()
    {
        var tenant = (await Pool.OnboardedAsync(service)).Tenant;

        var differences = await AccessMatrix.WalkAsync("mediators", service.Services, service.CreateClient, tenant);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
