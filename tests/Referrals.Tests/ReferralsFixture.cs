using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Referrals.Tests;

/// <summary>
/// The referrals service on real PostgreSQL and RabbitMQ, with a clock the tests move: response
/// deadlines and consent expiry are tested by advancing it, never by waiting.
/// </summary>
public class ReferralsFixture : ServiceFixture<ReferralsService>
{
    public ReferralsFixture()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow), settings: null, configure: null)
    {
    }

    /// <summary>For fixtures that add settings or services (a telemetry capture).</summary>
    protected ReferralsFixture(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection> configure)
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow), settings, configure)
    {
    }

    private ReferralsFixture(FakeTimeProvider clock, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? configure)
        : base(ReferralsService.Name, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(services);
        })
    {
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
}

/// <summary>The referrals service keeping every tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantReferralsFixture() : ReferralsFixture(TenantStorageSettings.DatabasePerTenant, _ => { });
