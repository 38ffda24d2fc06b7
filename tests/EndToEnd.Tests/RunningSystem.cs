using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// The system as the app host declares it (every service and the gateway as real processes, started
/// by its orchestrator through Aspire.Hosting.Testing), against real PostgreSQL and RabbitMQ in an
/// isolated schema set and virtual host. Shared by the end-to-end classes (one collection, so they
/// take turns).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public class RunningSystem : IAsyncLifetime
{
    private static readonly string[] Services = ["intake", "referrals", "mediators", "portal", "gateway"];
    private static readonly string[] Stores = ["intake", "referrals", "mediators"];

    private readonly List<ServiceProcess> processes = [];
    private readonly CancellationTokenSource stopping = new();
    private IsolatedEnvironment? environment;
    private DistributedApplication? app;
    private Task recording = Task.CompletedTask;
    private volatile bool shuttingDown;

    public ServiceProcess Intake => Process("intake");

    public ServiceProcess Referrals => Process("referrals");

    public ServiceProcess Mediators => Process("mediators");

    public ServiceProcess Portal => Process("portal");

    public ServiceProcess Gateway => Process("gateway");

    public IsolatedEnvironment Environment => environment ?? throw new InvalidOperationException("The system is not started.");

    public IEnumerable<ServiceProcess> All => processes;

    public HttpClient CreateGatewayClient() => new() { BaseAddress = Gateway.Address };

    /// <summary>Settings every process gets on top of its own (a subclass's telemetry settings).</summary>
    protected virtual IReadOnlyDictionary<string, string> CommonSettings { get; } = new Dictionary<string, string>();

    /// <summary>Where the system's schemas and virtual host are made: the servers every test shares.</summary>
    protected virtual Task<IsolatedEnvironment> CreateEnvironmentAsync() => IsolatedEnvironment.CreateAsync();

    /// <summary>How many lines of each process's output are kept.</summary>
    protected virtual int OutputLines => 200;

    public virtual async Task InitializeAsync()
    {
        environment = await CreateEnvironmentAsync();
        // Below Resources:*:Environment a key is an environment variable's name: its own sections are written with "__".
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = environment.ServicePostgres,
            ["Resources:all:Environment:Auth__DevelopmentSigningKey"] = TestTokens.SigningKey,
            // Screens that watch for news ask every second here, so a test waits for an update no longer than a person would notice.
            ["Resources:portal:Environment:Portal__RefreshInterval"] = "00:00:01",
        };
        foreach (var rights in BrokerRights.OfServices())
        {
            settings[$"ConnectionStrings:RabbitMq-{rights.Service}"] = environment.RabbitMqFor(rights.Service).ToString();
        }

        foreach (var service in Services)
        {
            // Free ports of this machine (a system started by ./run.sh is no obstacle), each the service's own rather than a
            // proxy's: a stopped service refuses connections, as a crashed one does, instead of a proxy holding them open.
            settings[$"Ports:{service}"] = FreePort().ToString(CultureInfo.InvariantCulture);
        }

        foreach (var store in Stores)
        {
            settings[$"Resources:{store}:Environment:EventStore__Schema"] = environment.SchemaFor(store);
        }

        foreach (var (key, value) in CommonSettings)
        {
            settings[$"Resources:all:Environment:{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }

        string[] args = ["--environment=Development", .. settings.Select(setting => $"--{setting.Key}={setting.Value}")];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Integration_AppHost>(args,
            (options, _) => options.DisableDashboard = true);
        app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        processes.AddRange(Services.Select(name => new ServiceProcess(app, model.Resources.Single(resource => resource.Name == name), OutputLines)));
        await app.StartAsync();
        recording = Task.WhenAll(processes.Select(process => process.RecordOutputAsync(logs, stopping.Token))
            .Append(ReportUnexpectedEndsAsync(stopping.Token)));
        await Task.WhenAll(processes.Select(process => process.WaitUntilReadyAsync()));
    }

    public virtual async Task DisposeAsync()
    {
        shuttingDown = true;
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await stopping.CancelAsync();
        try
        {
            await recording;
        }
        catch (OperationCanceledException)
        {
            // The recording ends with the system.
        }

        stopping.Dispose();
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }
    }

    /// <summary>
    /// A process that ends while no test stopped it (a crash) is written, with its last output, to
    /// <see cref="UnexpectedEndsLog"/>, which test.sh prints: without it, the tests after a crash fail only with
    /// timeouts and 502s from the gateway.
    /// </summary>
    private async Task ReportUnexpectedEndsAsync(CancellationToken cancellationToken)
    {
        var ended = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var update in app!.ResourceNotifications.WatchAsync(cancellationToken))
        {
            var process = processes.FirstOrDefault(process => process.Name == update.Resource.Name);
            var state = update.Snapshot.State?.Text ?? "";
            if (process is null || shuttingDown)
            {
                continue;
            }

            if (!ServiceProcess.IsGone(state))
            {
                ended.Remove(process.Name);
            }
            else if (!process.StoppedByTest && ended.Add(process.Name))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(UnexpectedEndsLog)!);
                await File.AppendAllTextAsync(UnexpectedEndsLog,
                    $"{DateTimeOffset.UtcNow:O} {process.Name} ended ({state}, exit code {update.Snapshot.ExitCode}) while no test stopped it. " +
                    $"Its last output:\n{string.Join('\n', process.Output.TakeLast(80))}\n\n", cancellationToken);
            }
        }
    }

    private static readonly string UnexpectedEndsLog = Integration.Testing.Repository.PathTo("TestResults", "unexpected-ends.log");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ServiceProcess Process(string name) => processes.Single(process => process.Name == name);
}

/// <summary>
/// A system of its own, on a PostgreSQL and a RabbitMQ of its own (<see cref="OwnServers"/>), for the tests that
/// break its parts (a server stopped, a process killed), so that whatever a fault leaves behind never reaches the
/// other tests. In the shared collection, so it runs alone too.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class FaultedSystem : RunningSystem
{
    private OwnServers? servers;

    public OwnServers Servers => servers ?? throw new InvalidOperationException("The system is not started.");

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            // Whatever a fault left behind (a server that did not come back fails the environment's clean-up), the servers go.
            if (servers is not null)
            {
                await servers.DisposeAsync();
            }
        }
    }

    protected override async Task<IsolatedEnvironment> CreateEnvironmentAsync()
    {
        servers = await OwnServers.StartAsync();
        return await IsolatedEnvironment.CreateAsync(servers.Infrastructure);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedRunningSystem : ICollectionFixture<RunningSystem>
{
    public const string Name = "running system";
}
