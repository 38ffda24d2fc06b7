using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.ServiceDefaults;

public static class RequestClock
{
    /// <summary>Now, from the service's <see cref="TimeProvider"/> (a fake one in tests of timers).</summary>
    public static DateTimeOffset Now(this HttpContext http)
    {
        return http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
    }
}
