namespace Integration.Mediators.Tests;

public sealed class AuthorizationMatrixTests(MediatorsFixture service) : IClassFixture<MediatorsFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("mediators", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
