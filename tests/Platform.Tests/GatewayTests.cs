using System.Net;
using Integration.Gateway;

namespace Integration.Platform.Tests;

public sealed class GatewayTests
{
    [Fact]
    public async Task the_development_token_endpoint_does_not_exist_in_production()
    {
        await using var gateway = new GatewayFactory("Production");
        using var http = gateway.CreateClient();

        using var response = await http.PostAsync("/dev/token", new StringContent("{\"sub\":\"x\",\"role\":\"admin\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unsafe_correlation_id_is_replaced_rather_than_echoed()
    {
        await using var gateway = new GatewayFactory("Development");
        using var http = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");

        using var response = await http.SendAsync(request);

        var echoed = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual("<script>alert(1)</script>", echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Fact]
    public async Task a_missing_correlation_id_is_created()
    {
        await using var gateway = new GatewayFactory("Development");
        using var http = gateway.CreateClient();

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
