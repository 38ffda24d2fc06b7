using Integration.Testing;
using Xunit.Abstractions;

namespace Integration.Intake.Tests;

/// <summary>intake's OpenAPI document, checked as every service's is (<see cref="OpenApiDocumentChecks{TService}"/>).</summary>
public sealed class OpenApiDocumentTests(IntakeFixture intake, ITestOutputHelper output)
    : OpenApiDocumentChecks<IntakeService>(intake, "intake", output), IClassFixture<IntakeFixture>
{
    protected override IReadOnlyList<Action<HttpClient>> Callers =>
    [
        client => client.As("caseworker"),
        client => client.As("coordinator"),
        client => client.As("frontdesk"),
    ];
}
