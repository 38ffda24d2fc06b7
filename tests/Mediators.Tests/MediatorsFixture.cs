using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Mediators.Tests;

/// <summary>
/// The mediators service on real PostgreSQL and RabbitMQ, with a clock the tests control: it
/// starts on Monday 7 January 2030, 06:00 UTC, so bookings, weeks and the daylight-saving change
/// of 31 March 2030 in Europe/Rome are the same on every run.
/// </summary>
public class MediatorsFixture : ServiceFixture<MediatorsService>
{
    public static readonly DateTimeOffset Start = new(2030, 1, 7, 6, 0, 0, TimeSpan.Zero);

    public MediatorsFixture()
        : this(new FakeTimeProvider(Start), settings: null, configure: null)
    {
    }

    /// <summary>For fixtures that add settings or services (a telemetry capture).</summary>
    protected MediatorsFixture(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection> configure)
        : this(new FakeTimeProvider(Start), settings, configure)
    {
    }

    private MediatorsFixture(FakeTimeProvider clock, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? configure)
        : base(MediatorsService.Name, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(services);
        })
    {
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
}

/// <summary>The mediators service keeping every tenant but the default one in a database of its own.</summary>
public sealed class DatabasePerTenantMediatorsFixture() : MediatorsFixture(TenantStorageSettings.DatabasePerTenant, _ => { });
