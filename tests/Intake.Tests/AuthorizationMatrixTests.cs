using System.Net.Http.Json;

namespace Integration.Intake.Tests;

/// <summary>The authorization matrix with every tenant's rows in one database.</summary>
public sealed class AuthorizationMatrixTests(IntakeFixture service) : AuthorizationMatrix(service), IClassFixture<IntakeFixture>;

/// <summary>The authorization matrix with each tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantAuthorizationMatrixTests(DatabasePerTenantIntakeFixture service) : AuthorizationMatrix(service), IClassFixture<DatabasePerTenantIntakeFixture>;

/// <summary>docs/authorization.md against every endpoint and role, for the default tenant and for another one, in both storage modes.</summary>
public abstract class AuthorizationMatrix(IntakeFixture service)
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("intake", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task every_endpoint_answers_every_role_of_another_tenant_as_the_authorization_matrix_says()
    {
        using var platform = service.CreateClient().As("platform_admin", subject: "platform-admin", office: null);
        var tenant = $"matrix-{Guid.NewGuid().ToString("N")[..8]}";
        using (var onboarded = await platform.PostAsJsonAsync("/tenants",
            new { tenantId = tenant, name = "Valle di Susa", timeZone = "Europe/Rome", defaultLanguage = "it", offices = new[] { TestTokens.Office } }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, onboarded.StatusCode);
        }

        var differences = await AccessMatrix.WalkAsync("intake", service.Services, service.CreateClient, tenant);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
