using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Referrals.Tests;

/// <summary>
/// The referrals service on real PostgreSQL and RabbitMQ, with a clock the tests move: response
/// deadlines and consent expiry are tested by advancing it, never by waiting.
/// </summary>
public sealed class ReferralsFixture : ServiceFixture<ReferralsService>
{
    public ReferralsFixture()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private ReferralsFixture(FakeTimeProvider clock)
        : base(ReferralsService.Name, configureServices: services => services.AddSingleton<TimeProvider>(clock))
    {
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
}
