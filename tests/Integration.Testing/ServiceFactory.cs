using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Testing;

/// <summary>One service hosted in the test process, living in an <see cref="IsolatedEnvironment"/>.</summary>
public sealed class ServiceFactory<TService>(
    IsolatedEnvironment environment, string service, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TService>
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

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }
}
