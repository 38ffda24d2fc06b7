using System.Security.Claims;

namespace Integration.Portal;

/// <summary>
/// Times as the office lives them: the portal shows and reads every time in the signed-in user's tenant's time zone (the OpenID
/// Connect claim <c>zoneinfo</c>, which sign-in takes from the tenant's registration at intake), else in the deployment's
/// (<c>Portal:TimeZone</c>, IANA, <c>Europe/Rome</c> by default), never in the server's (UTC in a container). Each user's
/// <see cref="TimeProvider"/> (one per request and per circuit) has that zone as its local one, so "today", a booking's start typed
/// at the desk and the mediator's week are the office's.
/// </summary>
public static class OfficeTime
{
    public const string DefaultZone = "Europe/Rome";

    /// <summary>The claim that carries the user's time zone (an IANA id), as OpenID Connect names it.</summary>
    public const string ZoneClaim = "zoneinfo";

    public static WebApplicationBuilder AddOfficeTime(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Portal:TimeZone"] ?? DefaultZone;
        var deploymentZone = TimeZoneInfo.TryFindSystemTimeZoneById(configured, out var found)
            ? found
            : throw new InvalidOperationException($"Portal:TimeZone '{configured}' is not an IANA time zone this machine knows (for example Europe/Rome).");
        builder.Services.AddSingleton<TimeProvider>(new OfficeTimeProvider(deploymentZone));
        builder.Services.AddOfficeClock();
        return builder;
    }

    /// <summary>Each user's <see cref="OfficeClock"/>, over the <see cref="TimeProvider"/> registered (a fake one in tests).</summary>
    public static IServiceCollection AddOfficeClock(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        return services.AddScoped<OfficeClock>();
    }

    /// <summary>The zone of the user's <c>zoneinfo</c> claim when this machine knows it, else <paramref name="deploymentZone"/>.</summary>
    public static TimeZoneInfo ZoneOf(ClaimsPrincipal? user, TimeZoneInfo deploymentZone) =>
        user?.FindFirst(ZoneClaim)?.Value is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : deploymentZone;

    /// <summary>An instant as the office's clock shows it: in the local zone of <paramref name="clock"/>, the user's.</summary>
    public static DateTimeOffset ToOfficeTime(this DateTimeOffset value, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTime(value, clock.LocalTimeZone);
    }

    /// <summary>Today at the office, by the portal's clock (whose local zone is the office's), so a test's clock moves it too.</summary>
    public static DateOnly OfficeToday(this TimeProvider clock)
    {
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }

    private sealed class OfficeTimeProvider(TimeZoneInfo zone) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => zone;
    }
}

/// <summary>
/// The signed-in user's clock: the registered <see cref="TimeProvider"/>'s time and timers, in the user's office time zone
/// (<see cref="OfficeTime.ZoneOf"/>; the registered provider's own local zone, the deployment's, when the user has none). One per
/// request and per circuit; the framework's singletons keep the registered provider.
/// </summary>
public sealed class OfficeClock(TimeProvider time, IHttpContextAccessor accessor) : TimeProvider
{
    private readonly TimeZoneInfo zone = OfficeTime.ZoneOf(accessor.HttpContext?.User, time.LocalTimeZone);

    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override long GetTimestamp() => time.GetTimestamp();

    public override long TimestampFrequency => time.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);
}
