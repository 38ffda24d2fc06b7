namespace Integration.Intake.Tests;

/// <summary>
/// Intake alone. The services an export asks are pointed at a port where nothing listens, so an
/// export here always meets services that do not answer (the end-to-end tests export for real).
/// </summary>
public class IntakeFixture : ServiceFixture<IntakeService>
{
    public IntakeFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>For fixtures that add settings (another tenant storage).</summary>
    protected IntakeFixture(IReadOnlyDictionary<string, string> settings)
        : base(IntakeService.Name, settings: new Dictionary<string, string>(settings)
        {
            ["Services:referrals"] = "http://127.0.0.1:9/",
            ["Services:mediators"] = "http://127.0.0.1:9/",
        })
    {
    }
}

/// <summary>Intake keeping every tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantIntakeFixture() : IntakeFixture(TenantStorageSettings.DatabasePerTenant);
