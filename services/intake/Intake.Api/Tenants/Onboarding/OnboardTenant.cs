using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using JasperFx;
using Marten;

namespace Integration.Intake.Tenants.Onboarding;

internal sealed record OnboardTenantRequest(string? TenantId, string? Name, string? TimeZone, string? DefaultLanguage, IReadOnlyList<string?>? Offices);

/// <summary>A tenant as parsed: its id, name, IANA time zone, the portal's default language for its staff, and its offices.</summary>
internal sealed record OnboardTenant(string TenantId, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices);

/// <summary>
/// <c>POST /tenants</c>: a platform administrator onboards a city or a consortium, without a redeploy. Its coordinators' tokens then
/// name it in their <c>tenant</c> claim; each service accepts them once the tenant's copy has reached it (intake at once).
/// </summary>
internal static class OnboardingTenant
{
    public static Parsed<OnboardTenant> Parse(OnboardTenantRequest request)
    {
        var errors = new FieldErrors();
        var tenantId = errors.RequireText("tenantId", request.TenantId, 40);
        if (tenantId is not null && !TenantIds.IsTenantId(tenantId))
        {
            errors.Add("tenantId", "2 to 40 lower-case letters, digits and '-', starting with a letter or a digit (val-susa).");
        }

        var name = errors.RequireText("name", request.Name, TenantRegistry.MaxNameLength);
        var zone = errors.TimeZone("timeZone", request.TimeZone);
        var language = errors.RequireText("defaultLanguage", request.DefaultLanguage, 2);
        if (language is not null && !TenantRegistry.Languages.Contains(language))
        {
            errors.Add("defaultLanguage", $"One of the portal's languages: {string.Join(", ", TenantRegistry.Languages)}.");
        }

        var offices = new List<string>();
        if (request.Offices is not { Count: > 0 } named)
        {
            errors.Add("offices", "A tenant has at least one office.");
        }
        else if (named.Count > TenantRegistry.MaxOffices)
        {
            errors.Add("offices", $"At most {TenantRegistry.MaxOffices} offices.");
        }
        else
        {
            for (var i = 0; i < named.Count; i++)
            {
                if (errors.RequireText($"offices[{i}]", named[i], 40) is not { } office)
                {
                    continue;
                }

                if (!TenantIds.IsTenantId(office))
                {
                    errors.Add($"offices[{i}]", "2 to 40 lower-case letters, digits and '-' (susa-centro).");
                }
                else if (offices.Contains(office))
                {
                    errors.Add($"offices[{i}]", "Each office is named once.");
                }
                else
                {
                    offices.Add(office);
                }
            }
        }

        return errors.Any || (tenantId, name, zone, language) is not ({ } id, { } named1, { } timeZone, { } lang)
            ? errors
            : new OnboardTenant(id, named1, timeZone.Id, lang, offices);
    }

    /// <summary>409 <c>tenant_exists</c> for the default tenant's id or one already onboarded.</summary>
    public static async Task<TenantOnboarded> DecideAsync(IQuerySession session, Tenancy tenancy, OnboardTenant tenant, string by, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (tenant.TenantId == tenancy.DefaultTenant || await session.LoadAsync<KnownTenant>(tenant.TenantId, cancellationToken) is not null)
        {
            throw DomainRuleViolated.Conflict("tenant_exists", $"A tenant called {tenant.TenantId} exists already.");
        }

        return new TenantOnboarded(tenant.TenantId, tenant.Name, tenant.TimeZone, tenant.DefaultLanguage, tenant.Offices, by, now);
    }

    public static RouteHandlerBuilder MapOnboardTenant(this RouteGroupBuilder tenants) =>
        tenants.MapPost("/", HandleAsync)
            .WithName("OnboardTenant")
            .RequireAuthorization(IntakeRoles.ManageTenants);

    /// <summary>
    /// The platform's records live in the store's default tenant, whatever tenant the administrator's token names. Where each tenant has
    /// a database of its own, the new tenant's is provided once the decision stands and before it is recorded.
    /// </summary>
    private static async Task<CreateResult<TenantView>> HandleAsync(OnboardTenantRequest body, IDocumentStore store, Tenancy tenancy,
        TenantDatabases databases, HttpContext http, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession(StorageConstants.DefaultTenantId);
        session.LastModifiedBy = http.User.DisplayName();
        return await FieldErrors.ParsedThenAsync(body, Parse,
            (request, tenant) => session.Stamp().StartAsync<KnownTenant, TenantView>(http, "onboard-tenant", request,
                async (current, _) =>
                {
                    var onboarded = await DecideAsync(current, tenancy, tenant, http.User.Actor(), http.Now(), cancellationToken);
                    await databases.ProvideAsync(tenant.TenantId, cancellationToken);
                    return [onboarded];
                },
                _ => $"/tenants/{tenant.TenantId}",
                _ => new TenantView(tenant.TenantId, tenant.Name, tenant.TimeZone, tenant.DefaultLanguage, tenant.Offices),
                cancellationToken, attempts: 2, streamId: TenantRegistry.StreamIdOf(tenant.TenantId)));
    }
}
