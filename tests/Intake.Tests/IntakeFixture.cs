namespace Integration.Intake.Tests;

/// <summary>
/// Intake alone. The services an export asks are pointed at a port where nothing listens, so an
/// export here always meets services that do not answer (the end-to-end tests export for real).
/// </summary>
public sealed class IntakeFixture() : ServiceFixture<IntakeService>(IntakeService.Name, settings: new Dictionary<string, string>
{
    ["Services:referrals"] = "http://127.0.0.1:9/",
    ["Services:mediators"] = "http://127.0.0.1:9/",
});
