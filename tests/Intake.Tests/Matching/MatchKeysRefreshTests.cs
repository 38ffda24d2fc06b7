using System.Net.Http.Json;
using System.Text.Json;
using Integration.Intake.Clients.Matching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integration.Intake.Tests.Matching;

/// <summary>Clients written before the keys changed are re-keyed from their own row and found by the new keys.</summary>
public sealed class MatchKeysRefreshTests(IntakeFixture intake) : IClassFixture<IntakeFixture>
{
    [Fact]
    public async Task a_client_keyed_by_an_earlier_version_is_re_keyed_and_found_again()
    {
        using var desk = intake.CreateClient().As("frontdesk");
        var familyName = IntakeApi.UniqueName();
        var clientId = await desk.RegisterAsync(IntakeApi.NewClient("Yevhen", familyName, "1984-06-06"));
        var dataSource = intake.Services.GetRequiredService<NpgsqlDataSource>();
        var table = $"{intake.Schema}.{ClientIndexProjection.TableName}";
        await using (var stale = dataSource.CreateCommand($"update {table} set match_keys = '{{}}', keys_version = 0 where client_id = $1"))
        {
            stale.Parameters.Add(new NpgsqlParameter { Value = clientId });
            Assert.Equal(1, await stale.ExecuteNonQueryAsync());
        }

        Assert.Empty(await CandidatesAsync(desk, "Jewgeni", familyName));

        var index = intake.Services.GetRequiredService<ClientIndex>();
        var after = Guid.Empty;
        while (await index.RefreshKeysAsync(JasperFx.StorageConstants.DefaultTenantId, after, 500, CancellationToken.None) is { } last)
        {
            after = last;
        }

        await using var read = dataSource.CreateCommand($"select keys_version from {table} where client_id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = clientId });
        Assert.Equal(MatchKeys.Version, (int)(await read.ExecuteScalarAsync())!);
        Assert.Contains(clientId, await CandidatesAsync(desk, "Jewgeni", familyName));
    }

    private static async Task<List<Guid>> CandidatesAsync(HttpClient desk, string givenName, string familyName)
    {
        using var check = await desk.PostAsJsonAsync("/clients/duplicate-check", new { givenName, familyName, dateOfBirth = "1984-06-06" });
        var found = await check.Content.ReadFromJsonAsync<JsonElement>();
        return [.. found.GetProperty("candidates").EnumerateArray().Select(candidate => candidate.GetProperty("clientId").GetGuid())];
    }
}
