namespace Integration.Intake;

/// <summary>Marks the intake API's assembly (for WebApplicationFactory) and names the service.</summary>
public sealed class IntakeService
{
    public const string Name = "intake";
}
