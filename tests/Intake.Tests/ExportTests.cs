using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class ExportTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task an_export_is_refused_whole_with_503_naming_the_services_that_did_not_answer()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        using var response = await coordinator.GetAsync($"/clients/{clientId}/export");

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, "export_incomplete");
        Assert.Equal(["mediators", "referrals"], problem.GetProperty("missing").EnumerateArray().Select(service => service.GetString()).Order());
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.DoesNotContain("Amina", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task only_coordinators_export_and_an_unknown_client_has_nothing_to_export()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        using var coordinator = intake.CreateClient().As("coordinator");
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient());

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync($"/clients/{clientId}/export")).StatusCode);
        await (await coordinator.GetAsync($"/clients/{Guid.NewGuid()}/export")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
