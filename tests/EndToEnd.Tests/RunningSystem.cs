using System.Diagnostics.CodeAnalysis;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// Every service and the gateway as real processes, against real PostgreSQL and RabbitMQ in an
/// isolated schema set and virtual host. Shared by the end-to-end classes (one collection, so they
/// take turns).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public class RunningSystem : IAsyncLifetime
{
    private IsolatedEnvironment? environment;
    private readonly List<ServiceProcess> processes = [];

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

    /// <summary>How many lines of each process's output are kept.</summary>
    protected virtual int OutputLines => 200;

    public virtual async Task InitializeAsync()
    {
        environment = await IsolatedEnvironment.CreateAsync();
        var referrals = NewProcess("referrals", "services/referrals/Referrals.Api", "Referrals.Api", environment.SettingsFor("referrals"));
        var mediators = NewProcess("mediators", "services/mediators/Mediators.Api", "Mediators.Api", environment.SettingsFor("mediators"));
        var intakeSettings = new Dictionary<string, string>(environment.SettingsFor("intake"))
        {
            ["Services:referrals"] = referrals.Address.ToString(),
            ["Services:mediators"] = mediators.Address.ToString(),
        };
        processes.Add(NewProcess("intake", "services/intake/Intake.Api", "Intake.Api", intakeSettings));
        processes.Add(referrals);
        processes.Add(mediators);
        var gatewayPort = ServiceProcess.FreePort();
        processes.Add(NewProcess("portal", "services/portal/Portal", "Portal",
            new Dictionary<string, string>
            {
                ["Portal:ApiBaseUrl"] = $"http://127.0.0.1:{gatewayPort}/",
                // Screens that watch for news ask every second here, so a test waits for an update no longer than a person would notice.
                ["Portal:RefreshInterval"] = "00:00:01",
            }));

        var gatewaySettings = new Dictionary<string, string> { ["Auth:DevelopmentSigningKey"] = TestTokens.SigningKey };
        foreach (var service in processes)
        {
            gatewaySettings[$"ReverseProxy:Clusters:{service.Name}:Destinations:primary:Address"] = service.Address.ToString();
        }

        processes.Add(NewProcess("gateway", "services/gateway/Gateway", "Gateway", gatewaySettings, gatewayPort));
        foreach (var process in processes)
        {
            process.Start();
        }

        await Task.WhenAll(processes.Select(process => process.WaitUntilReadyAsync()));
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        if (environment is not null)
        {
            await environment.DisposeAsync();
        }
    }

    private ServiceProcess Process(string name) => processes.Single(process => process.Name == name);

    private ServiceProcess NewProcess(string name, string projectFolder, string assembly, IReadOnlyDictionary<string, string> settings,
        int? port = null) =>
        new(name, projectFolder, assembly, CommonSettings.Concat(settings).ToDictionary(), OutputLines, port);
}

[CollectionDefinition(Name)]
public sealed class SharedRunningSystem : ICollectionFixture<RunningSystem>
{
    public const string Name = "running system";
}
