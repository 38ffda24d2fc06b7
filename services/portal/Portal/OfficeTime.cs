namespace Integration.Portal;

/// <summary>
/// Times as the office lives them: the portal shows and reads every time in the one-stop-shop's
/// time zone (<c>Portal:TimeZone</c>, IANA, <c>Europe/Rome</c> by default), never in the server's
/// (UTC in a container). Its <see cref="TimeProvider"/> has that zone as its local one, so "today",
/// a booking's start typed at the desk and the mediator's week are the office's.
/// </summary>
internal static class OfficeTime
{
    public const string DefaultZone = "Europe/Rome";

    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);

    public static WebApplicationBuilder AddOfficeTime(this WebApplicationBuilder builder)
    {
        var zone = builder.Configuration["Portal:TimeZone"] ?? DefaultZone;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found)
            ? found
            : throw new InvalidOperationException($"Portal:TimeZone '{zone}' is not an IANA time zone this machine knows (for example Europe/Rome).");
        builder.Services.AddSingleton<TimeProvider>(new OfficeTimeProvider(Zone));
        return builder;
    }

    public static DateTimeOffset ToOfficeTime(this DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

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
