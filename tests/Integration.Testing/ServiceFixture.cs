using System.Diagnostics.CodeAnalysis;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Testing;

/// <summary>
/// A class fixture hosting one service in-process against real PostgreSQL and RabbitMQ, in its own
/// schema and virtual host, with a <see cref="ConsumeCounter"/> on its bus.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public abstract class ServiceFixture<TService>(
    string service, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null) : IAsyncLifetime
    where TService : class
{
    private IsolatedEnvironment? environment;
    private ServiceFactory<TService>? factory;

    public ConsumeCounter Consumes { get; } = new();

    public IsolatedEnvironment Environment => environment ?? throw new InvalidOperationException("The fixture is not started.");

    public IServiceProvider Services => Factory.Services;

    public string Schema => Environment.SchemaFor(service);

    private ServiceFactory<TService> Factory => factory ?? throw new InvalidOperationException("The fixture is not started.");

    public HttpClient CreateClient() => Factory.CreateClient();

    public async Task InitializeAsync()
    {
        environment = await IsolatedEnvironment.CreateAsync();
        factory = new ServiceFactory<TService>(environment, service, settings, services =>
        {
            services.AddConsumeObserver(_ => Consumes);
            configureServices?.Invoke(services);
        });
        await Factory.Services.GetRequiredService<IBusControl>()
            .WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }
        catch (ObjectDisposedException race) when (race.StackTrace?.Contains("ProjectionCoordinatorBase", StringComparison.Ordinal) == true)
        {
            // JasperFx.Events 2.100's projection coordinator can stop its leadership loop on a cancellation source already disposed
            // (seen once in a fixture's shutdown, after every test of the class had passed): the daemon is stopped either way.
        }
        finally
        {
            if (environment is not null)
            {
                await environment.DisposeAsync();
            }
        }
    }
}
