using Integration.Testing;
using Xunit.Abstractions;

namespace Integration.Mediators.Tests;

/// <summary>mediators's OpenAPI document, checked as every service's is (<see cref="OpenApiDocumentChecks{TService}"/>).</summary>
public sealed class OpenApiDocumentTests(MediatorsFixture mediators, ITestOutputHelper output)
    : OpenApiDocumentChecks<MediatorsService>(mediators, "mediators", output), IClassFixture<MediatorsFixture>
{
    protected override IReadOnlyList<Action<HttpClient>> Callers =>
    [
        client => client.As("caseworker"),
        client => client.As("coordinator"),
        client => client.As("mediator"),
        client => client.As("frontdesk"),
        client => client.As("partner", org: Guid.NewGuid().ToString()),
    ];
}
