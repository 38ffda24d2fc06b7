namespace Integration.Platform.Tests;

/// <summary>
/// The portal's wire types are the ones NSwag generates from the committed OpenAPI documents (here,
/// not in the portal's tests, so that a contract change the portal does not compile with yet can still be generated). With
/// <c>INTEGRATION_UPDATE_OPENAPI=1</c> (which also refreshes the documents) they are regenerated instead.
/// </summary>
public sealed class GeneratedContractsTests
{
    [Theory]
    [InlineData("intake")]
    [InlineData("referrals")]
    [InlineData("mediators")]
    public async Task the_portals_wire_types_are_generated_from_the_committed_document(string service)
    {
        var generated = await GeneratedContracts.GenerateAsync(service);
        var file = GeneratedContracts.FileFor(service);
        if (Environment.GetEnvironmentVariable("INTEGRATION_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(file, generated);
        }

        Assert.True(File.Exists(file) && await File.ReadAllTextAsync(file) == generated,
            $"{file} is not what docs/openapi/{service}.json generates: regenerate it with "
            + "INTEGRATION_UPDATE_OPENAPI=1 dotnet test tests/Platform.Tests --filter GeneratedContractsTests, and commit it.");
    }
}
