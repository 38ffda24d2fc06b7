namespace Integration.Intake.Tests;

public sealed class IntakeFixture() : ServiceFixture<IntakeService>(IntakeService.Name);
