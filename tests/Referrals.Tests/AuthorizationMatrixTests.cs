namespace Integration.Referrals.Tests;

public sealed class AuthorizationMatrixTests(ReferralsFixture service) : IClassFixture<ReferralsFixture>
{
    [Fact]
    public async Task every_endpoint_answers_every_role_as_the_authorization_matrix_says()
    {
        var differences = await AccessMatrix.WalkAsync("referrals", service.Services, service.CreateClient);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
