namespace Integration.Testing;

/// <summary>The settings that run a service with each tenant in a database of its own (its tests' second column of the tenancy matrix).</summary>
public static class TenantStorageSettings
{
    public static IReadOnlyDictionary<string, string> DatabasePerTenant { get; } = new Dictionary<string, string>
    {
        ["Tenancy:Storage"] = "DatabasePerTenant",
    };
}
