namespace Integration.Intake.Tests;

public sealed class AuthorizationMatrixTests(IntakeFixture service) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("intake", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
