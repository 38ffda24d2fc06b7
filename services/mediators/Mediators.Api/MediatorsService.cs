namespace Integration.Mediators;

/// <summary>Marks the mediators API's assembly (for WebApplicationFactory) and names the service.</summary>
public sealed class MediatorsService
{
    public const string Name = "mediators";
}
