namespace Integration.Portal;

/// <summary>Marks the portal's assembly and names the service.</summary>
public sealed class PortalService
{
    public const string Name = "portal";
}
