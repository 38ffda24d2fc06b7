using System.Net.Http.Json;
using System.Text.Json;

namespace Integration.Intake.Tests;

public sealed class SearchCapTests(FastSweepFixture intake) : IClassFixture<FastSweepFixture>
{
    [Fact]
    public async Task a_name_shared_by_more_clients_than_are_ranked_reports_a_capped_total()
    {
        using var http = intake.CreateClient().As("frontdesk");
        var family = IntakeApi.UniqueName();
        for (var year = 1970; year < 1975; year++)
        {
            var body = IntakeApi.NewClient("Mohammed", family, $"{year}-05-05");
            body["duplicateCheckOverride"] = new { reason = "different people, checked documents" };
            await http.RegisterAsync(body);
        }

        var capped = await http.GetFromJsonAsync<JsonElement>($"/clients?q=Muhammad%20{family}&pageSize=10");
        var narrowed = await http.GetFromJsonAsync<JsonElement>($"/clients?q=Muhammad%20{family}&dateOfBirth=1972-05-05");

        Assert.Equal(3, capped.GetProperty("total").GetInt64());
        Assert.True(capped.GetProperty("totalIsCapped").GetBoolean());
        Assert.Equal(3, capped.GetProperty("items").GetArrayLength());
        Assert.Equal(1, narrowed.GetProperty("total").GetInt64());
        Assert.False(narrowed.TryGetProperty("totalIsCapped", out _));
    }
}
