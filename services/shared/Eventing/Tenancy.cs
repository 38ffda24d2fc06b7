using System.Collections.Concurrent;
using Integration.ServiceDefaults;
using JasperFx;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Integration.Eventing;

/// <summary>
/// The deployment's tenants as the store keeps them (docs/architecture.md, "Tenancy"). Documents and events are conjoined-tenanted:
/// every row carries its tenant in <c>tenant_id</c>, whether all tenants share one database or each has its own (<see cref="Storage"/>,
/// <see cref="TenantDatabases"/>). The default tenant (<c>Tenancy:DefaultTenant</c>, "default" unless configured), the
/// one every token without a <c>tenant</c> claim acts in, is stored under Marten's own default tenant id, so a store written before
/// tenancy is the default tenant's store as it is; every other tenant is stored under its own id.
/// </summary>
public sealed class Tenancy(string defaultTenant, TenantStorage storage = TenantStorage.Conjoined)
{
    public const string Section = "Tenancy";

    /// <summary>Where the tenants' rows live (<c>Tenancy:Storage</c>): one database for all, or a database per tenant.</summary>
    public TenantStorage Storage { get; } = storage;

    /// <summary>The message header that says which tenant's events a message tells of (the relay sets it, consumers open that tenant).</summary>
    public const string MessageHeader = "tenant-id";

    public string DefaultTenant { get; } = TenantIds.IsTenantId(defaultTenant)
        ? defaultTenant
        : throw new InvalidOperationException($"{Section}:DefaultTenant '{defaultTenant}' is no tenant id: 2 to 40 lower-case letters, digits and '-'.");

    public static Tenancy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration[$"{Section}:Storage"] is { Length: > 0 } named
            ? Enum.TryParse<TenantStorage>(named, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:Storage '{named}' is neither Conjoined nor DatabasePerTenant.")
            : TenantStorage.Conjoined;
        return new(configuration[$"{Section}:DefaultTenant"] ?? "default", storage);
    }

    /// <summary>
    /// The tenant a request acts in, or null for the default tenant. A signed-in caller's is their token's; a token naming several
    /// (partner staff of an organisation serving several tenants) acts in the one the request's <c>?tenant=</c> names among them, else
    /// in the first. A public request (the HSDS directory) names one in <c>?tenant=</c>, which
    /// <see cref="PublicTenants.RequireKnownTenant"/> has checked.
    /// </summary>
    public static string? OfRequest(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return PublicTenants.Named(http);
        }

        var tenants = http.User.Tenants();
        return tenants.Count > 1 && PublicTenants.Named(http) is { } named && tenants.Contains(named) ? named : tenants.Count > 0 ? tenants[0] : null;
    }

    /// <summary>
    /// The tenants a request reads together, or null when it reads one (<see cref="OfRequest"/>): every tenant of a token naming several
    /// (partner staff of an organisation serving several tenants) when the request names none of them in <c>?tenant=</c>. Only the
    /// lists that merge tenants ask this (a shared partner's inbox); everything else acts in one tenant.
    /// </summary>
    public static IReadOnlyList<string>? AllOfRequest(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tenants = http.User.Tenants();
        return tenants.Count > 1 && !(PublicTenants.Named(http) is { } named && tenants.Contains(named)) ? tenants : null;
    }

    /// <summary>The store's tenant id of a tenant; null (no claim) is the default tenant.</summary>
    public string StorageIdOf(string? tenantId) =>
        tenantId is null || tenantId == DefaultTenant ? StorageConstants.DefaultTenantId : tenantId;

    /// <summary>The tenant id a store's tenant id stands for.</summary>
    public string TenantIdOf(string storageId) => storageId == StorageConstants.DefaultTenantId ? DefaultTenant : storageId;

    /// <summary>
    /// The store's tenant id a consumed message acts in: its <see cref="MessageHeader"/>. A message without one was published before
    /// tenancy, when the default tenant was the only one.
    /// </summary>
    public static string StorageIdOf(ConsumeContext context) =>
        context.Headers.Get<string>(MessageHeader) is { Length: > 0 } tenant ? tenant : StorageConstants.DefaultTenantId;
}

/// <summary>
/// A tenant as every service knows it: intake registers tenants (<c>POST /tenants</c>) and every service keeps this copy, in the
/// store's default tenant (the document is single-tenanted), to check tokens against and to sweep each tenant's deadlines.
/// </summary>
public sealed record KnownTenant(string Id, string Name, string TimeZone, string DefaultLanguage, IReadOnlyList<string> Offices);

/// <summary>
/// The tenants a service's store knows: the default tenant and every <see cref="KnownTenant"/>. A tenant once known stays known (a
/// tenant is never deleted), so hits are kept in memory; a miss reads the store each time, so a tenant onboarded a moment ago is
/// known as soon as its copy arrives.
/// </summary>
public sealed class TenantDirectory(IDocumentStore store, Tenancy tenancy) : ITenantDirectory
{
    private readonly ConcurrentDictionary<string, KnownTenant> known = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string tenantId, CancellationToken cancellationToken) =>
        tenantId == tenancy.DefaultTenant || await FindAsync(tenantId, cancellationToken) is not null;

    /// <summary>A registered tenant (never the default one, which configuration describes), or null.</summary>
    public async ValueTask<KnownTenant?> FindAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(tenantId, out var tenant))
        {
            return tenant;
        }

        await using var session = store.QuerySession();
        if (await session.LoadAsync<KnownTenant>(tenantId, cancellationToken) is not { } found)
        {
            return null;
        }

        known.TryAdd(tenantId, found);
        return found;
    }

    /// <summary>A registered tenant already read (every token naming one was checked, so the request's tenant is), else null.</summary>
    public KnownTenant? Known(string tenantId) => known.GetValueOrDefault(tenantId);

    /// <summary>The store's tenant ids of every tenant: what a sweep goes through.</summary>
    public static async Task<IReadOnlyList<string>> StorageIdsAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var registered = await session.Query<KnownTenant>().Select(tenant => tenant.Id).ToListAsync(cancellationToken);
        return [StorageConstants.DefaultTenantId, .. registered.Order(StringComparer.Ordinal)];
    }
}

/// <summary>
/// Keeps the service's copy of each tenant intake onboards (referrals and mediators register it; intake keeps its own in the onboarding's
/// transaction): its tokens are accepted and its deadlines swept once the copy is here. A copy arrives once and is never changed. Where each
/// tenant has a database of its own, the service's database for the tenant is provided first.
/// </summary>
public sealed class TenantOnboardedConsumer(IDocumentStore store, TimeProvider clock, TenantDatabases databases)
    : IdempotentConsumer<Intake.Contracts.TenantOnboarded>(store, clock)
{
    protected override async Task ApplyAsync(Intake.Contracts.TenantOnboarded message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        await databases.ProvideAsync(message.TenantId, cancellationToken);
        session.Store(new KnownTenant(message.TenantId, message.Name, message.TimeZone, message.DefaultLanguage, message.Offices));
    }
}

/// <summary>The tenant a public, unauthenticated request names: <c>?tenant=</c> on the HSDS directory.</summary>
public static class PublicTenants
{
    public const string QueryParameter = "tenant";

    public const string Unknown = "No tenant publishes a directory under this id.";

    /// <summary>The tenant the request's query names when it is a tenant id, else null (the default tenant).</summary>
    public static string? Named(HttpContext http) =>
        http.Request.Query[QueryParameter].ToString() is { Length: > 0 } named && TenantIds.IsTenantId(named) ? named : null;

    /// <summary>
    /// Answers 404 for a <c>?tenant=</c> that names no tenant (or is no tenant id at all): a directory nobody publishes. Without it, the
    /// request reads the default tenant's.
    /// </summary>
    public static TBuilder RequireKnownTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = QueryParameter,
                In = ParameterLocation.Query,
                Description = "The tenant (city or consortium) whose directory to read; the deployment's default tenant without it. "
                    + "One that does not exist is 404.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        }).WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]))
        .AddEndpointFilter(async (context, next) =>
        {
            var named = context.HttpContext.Request.Query[QueryParameter].ToString();
            if (named.Length == 0)
            {
                return await next(context);
            }

            var directory = context.HttpContext.RequestServices.GetRequiredService<ITenantDirectory>();
            return TenantIds.IsTenantId(named) && await directory.ExistsAsync(named, context.HttpContext.RequestAborted)
                ? await next(context)
                : new NotFoundProblem(Unknown);
        });
}

/// <summary>
/// Sharing a record with another tenant (a mediator, a partner organisation): the body names the tenant, which must exist and not be
/// the caller's own; the record's stream then starts in that tenant under the same id, with the caller's changes (<see cref="AcrossTenants"/>).
/// </summary>
public static class TenantSharing
{
    /// <summary>The tenant a share names, as the store knows it; or the field errors (required, unknown, the caller's own).</summary>
    public static async Task<(string? StorageId, FieldErrors Errors)> TargetAsync(string? tenantId, IQuerySession session, Tenancy tenancy,
        ITenantDirectory tenants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tenancy);
        ArgumentNullException.ThrowIfNull(tenants);
        var errors = new FieldErrors();
        var named = errors.RequireText("tenantId", tenantId, 40);
        if (named is not null && !(TenantIds.IsTenantId(named) && await tenants.ExistsAsync(named, cancellationToken)))
        {
            errors.Add("tenantId", "No tenant with this id.", "unknown_tenant");
        }
        else if (named is not null && tenancy.StorageIdOf(named) == session.TenantId)
        {
            errors.Add("tenantId", "The record is this tenant's already; name another tenant.");
        }

        return (errors.Any || named is null ? null : tenancy.StorageIdOf(named), errors);
    }

    /// <summary>Stages the record's stream in <paramref name="target"/>; 409 <paramref name="alreadyShared"/> when that tenant has it already.</summary>
    public static async Task StartInAsync<TState>(IDocumentSession session, string target, Guid id, string alreadyShared, IReadOnlyList<object> events,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(session);
        var there = AcrossTenants.Operations(session, target);
        if (await there.Events.FetchStreamStateAsync(id, cancellationToken) is not null)
        {
            throw DomainRuleViolated.Conflict(alreadyShared, "That tenant has it already.");
        }

        there.Events.StartStream<TState>(id, [.. events]);
    }
}
