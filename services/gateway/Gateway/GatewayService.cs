namespace Integration.Gateway;

/// <summary>Marks the gateway's assembly (for WebApplicationFactory) and names the service.</summary>
public sealed class GatewayService
{
    public const string Name = "gateway";
}
