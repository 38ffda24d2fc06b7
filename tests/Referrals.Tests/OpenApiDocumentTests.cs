using Integration.Testing;
using Xunit.Abstractions;

namespace Integration.Referrals.Tests;

/// <summary>referrals's OpenAPI document, checked as every service's is (<see cref="OpenApiDocumentChecks{TService}"/>).</summary>
public sealed class OpenApiDocumentTests(ReferralsFixture referrals, ITestOutputHelper output)
    : OpenApiDocumentChecks<ReferralsService>(referrals, "referrals", output), IClassFixture<ReferralsFixture>
{
    protected override IReadOnlyList<Action<HttpClient>> Callers =>
    [
        client => client.As("caseworker"),
        client => client.As("coordinator"),
        client => client.As("partner", org: Guid.NewGuid().ToString()),
    ];
}
