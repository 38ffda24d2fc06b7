using Microsoft.Extensions.DependencyInjection;

namespace Integration.Portal.Tests;

/// <summary>The office zone the tests' expectations are written in (Europe/Rome), as the portal's deployment zone.</summary>
internal static class OfficeClocks
{
    public static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    /// <summary>The system's time with Rome as its local zone, and each user's <see cref="OfficeClock"/> over it.</summary>
    public static IServiceCollection AddRomeClock(this IServiceCollection services) =>
        services.AddSingleton<TimeProvider>(new RomeTime()).AddOfficeClock();

    private sealed class RomeTime : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => Rome;
    }
}
