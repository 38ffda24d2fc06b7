using Integration.Eventing;
using Integration.ServiceDefaults;

namespace Integration.Intake.Offices;

/// <summary>
/// The one-stop-shop's offices, as configured (<c>Offices</c>, a list of codes such as
/// <c>milan-central</c>) for the default tenant, and as onboarded for any other (<see cref="OfRequest"/>). A body may name only one of them: a free-text office ("BILBAO-x") would
/// make a record nobody's office sees. (A registration at the caller's own office, which its token
/// names and the identity provider vouches for, needs no check: see <c>ClientValidation.Office</c>.)
/// </summary>
internal sealed class ConfiguredOffices
{
    public const string Section = "Offices";

    private readonly SortedSet<string> codes;

    public ConfiguredOffices(IEnumerable<string> codes)
    {
        this.codes = new SortedSet<string>(codes.Where(code => !string.IsNullOrWhiteSpace(code)).Select(code => code.Trim()), StringComparer.Ordinal);
        if (this.codes.Count == 0)
        {
            throw new InvalidOperationException(
                $"No offices are configured: list the one-stop-shop's offices in '{Section}' (for example {Section}__0=milan-central, {Section}__1=bari).");
        }
    }

    public IReadOnlyCollection<string> Codes => codes;

    public static ConfiguredOffices From(IConfiguration configuration) => new(configuration.GetSection(Section).Get<string[]>() ?? []);

    /// <summary>
    /// The offices of the request's tenant: the configured ones for the default tenant, those it was onboarded with for any other
    /// (token validation has read and kept its registration).
    /// </summary>
    public static ConfiguredOffices OfRequest(IServiceProvider services, ConfiguredOffices defaultTenants)
    {
        var tenant = services.GetRequiredService<IHttpContextAccessor>().HttpContext is { } http ? Tenancy.OfRequest(http) : null;
        if (tenant is null || tenant == services.GetRequiredService<Tenancy>().DefaultTenant)
        {
            return defaultTenants;
        }

        return services.GetRequiredService<TenantDirectory>().Known(tenant) is { } known
            ? new ConfiguredOffices(known.Offices)
            : throw new InvalidOperationException($"Tenant {tenant} was accepted but its registration is not at hand.");
    }

    /// <summary>Adds a field error when <paramref name="office"/> is not a configured office.</summary>
    public void Check(FieldErrors errors, string field, string office)
    {
        if (!codes.Contains(office))
        {
            errors.Add(field, $"No office is called '{office}'; the offices are {string.Join(", ", codes)}.", FieldErrorCodes.UnknownOffice);
        }
    }
}
