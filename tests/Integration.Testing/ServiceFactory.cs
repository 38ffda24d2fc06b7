using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integration.Testing;

/// <summary>One service hosted in the test process, living in an <see cref="IsolatedEnvironment"/>.</summary>
public sealed class ServiceFactory<TService>(IsolatedEnvironment environment, string service,
    IReadOnlyDictionary<string, string>? extraSettings = null) : WebApplicationFactory<TService>
    where TService : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in environment.SettingsFor(service))
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
