using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Intake.Tests;

/// <summary>
/// Two workers run the daemon in HotCold mode against one store: one holds the lease and relays, the
/// other stands by. When the leader stops, or its process is killed, the other takes over: every
/// registration, before and after, reaches the other services, and no event is applied twice (a kill
/// may make the new leader publish again what the dead one published but had not yet recorded; it
/// does so under the same message id, which the consumers' idempotency markers turn away). Prints the
/// takeover time and the counts.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class DaemonFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Elsewhere = new()
    {
        ["Services:referrals"] = "http://127.0.0.1:9/",
        ["Services:mediators"] = "http://127.0.0.1:9/",
    };

    private readonly ConcurrentBag<(Guid ClientId, Guid? MessageId)> relayed = [];
    private IsolatedEnvironment environment = null!;
    private ServiceFactory<IntakeService> api = null!;
    private ServiceFactory<IntakeService>? leader;
    private ServiceFactory<IntakeService>? standby;

    public async Task InitializeAsync()
    {
        environment = await IsolatedEnvironment.CreateAsync();
        api = await StartAsync(runDaemon: false);
    }

    [Fact]
    public async Task when_the_worker_holding_the_lease_stops_the_other_relays_and_no_event_is_lost_or_relayed_twice()
    {
        var handle = await ListenToRelayedRegistrationsAsync();
        using var http = api.CreateClient().As("frontdesk");

        leader = await StartAsync(runDaemon: true);
        var first = await RegisterAndWaitAsync(http, "the first worker, alone, to relay");
        standby = await StartAsync(runDaemon: true);
        var second = await RegisterAndWaitAsync(http, "the leader to relay while the other stands by");
        await leader.DisposeAsync();
        leader = null;
        var stopped = Stopwatch.StartNew();
        var third = await RegisterAndWaitAsync(http, "the standby to take over the lease and relay");
        var takeover = stopped.Elapsed;
        var fourth = await RegisterAndWaitAsync(http, "the new leader to keep relaying");
        await handle.StopAsync();

        var registered = new[] { first, second, third, fourth };
        var counts = registered.Select(clientId => relayed.Count(message => message.ClientId == clientId)).ToList();
        output.WriteLine($"takeover after the leader stopped: {takeover.TotalSeconds:0.0} s; relayed per registration: {string.Join(", ", counts)}");
        Assert.All(counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task when_the_worker_process_holding_the_lease_is_killed_the_other_relays_and_no_event_is_lost_or_applied_twice()
    {
        var handle = await ListenToRelayedRegistrationsAsync();
        using var http = api.CreateClient().As("frontdesk");

        using var first = await WorkerProcess.StartAsync(environment);
        var before = await RegisterAndWaitAsync(http, "the first worker process, alone, to relay");
        using var second = await WorkerProcess.StartAsync(environment);
        var meanwhile = await RegisterAndWaitAsync(http, "the leader process to relay while the other stands by");
        var inFlight = await http.RegisterAsync(IntakeApi.NewClient("Olena", IntakeApi.UniqueName(), "1983-03-13"));
        first.Kill();
        var killed = Stopwatch.StartNew();
        var after = await RegisterAndWaitAsync(http, "the surviving process to take over the lease and relay");
        var takeover = killed.Elapsed;
        await Eventually.HoldsAsync(() => Task.FromResult(relayed.Any(message => message.ClientId == inFlight)),
            "the registration made as the leader was killed to be relayed by one of them");
        await handle.StopAsync();

        var registered = new[] { before, meanwhile, inFlight, after };
        var deliveries = registered.Select(clientId => relayed.Count(message => message.ClientId == clientId)).ToList();
        var distinct = registered.Select(clientId => relayed.Where(message => message.ClientId == clientId).Select(message => message.MessageId).Distinct().Count())
            .ToList();
        output.WriteLine($"takeover after the kill: {takeover.TotalSeconds:0.0} s; deliveries per registration: {string.Join(", ", deliveries)}; " +
            $"distinct message ids: {string.Join(", ", distinct)} (0 lost, {distinct.Count(count => count > 1)} applied twice)");
        Assert.All(distinct, count => Assert.Equal(1, count));
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { standby, leader, api })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        await environment.DisposeAsync();
    }

    private async Task<ServiceFactory<IntakeService>> StartAsync(bool runDaemon)
    {
        var instance = new ServiceFactory<IntakeService>(environment, IntakeService.Name,
            new Dictionary<string, string>(Elsewhere) { ["EventStore:RunDaemon"] = runDaemon ? "true" : "false" });
        await instance.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return instance;
    }

    /// <summary>A worker as Kubernetes runs it: the service's own build in a process of its own, with the daemon on, that a test can kill.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process process;

        private WorkerProcess(Process process) => this.process = process;

        public static async Task<WorkerProcess> StartAsync(IsolatedEnvironment environment)
        {
            var port = FreePort();
            // The service's own build output, of the configuration these tests were built in.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var build = Repository.PathTo("services", "intake", "Intake.Api", "bin", configuration, "net10.0");
            var start = new ProcessStartInfo("dotnet", Path.Combine(build, "Intake.Api.dll"))
            {
                WorkingDirectory = build,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in environment.SettingsFor(IntakeService.Name).Concat(Elsewhere))
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            start.Environment["EventStore__RunDaemon"] = "true";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start."));
            worker.process.OutputDataReceived += (_, _) => { };
            worker.process.ErrorDataReceived += (_, _) => { };
            worker.process.BeginOutputReadLine();
            worker.process.BeginErrorReadLine();
            using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    using var ready = await probe.GetAsync("health/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, "the worker process to become ready");
            return worker;
        }

        /// <summary>SIGKILL: no shutdown, no progress recorded, its database sessions (and the lease) end with it.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>Records every ClientRegistered the workers relay, with its message id, until the handle is stopped.</summary>
    private async Task<HostReceiveEndpointHandle> ListenToRelayedRegistrationsAsync()
    {
        var handle = environment.Bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance,
            endpoint => endpoint.Handler<IntakeEvents.ClientRegistered>(context =>
            {
                relayed.Add((context.Message.ClientId, context.MessageId));
                return Task.CompletedTask;
            }));
        await handle.Ready;
        return handle;
    }

    private async Task<Guid> RegisterAndWaitAsync(HttpClient http, string what)
    {
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Olena", IntakeApi.UniqueName(), "1983-03-13"));
        await Eventually.HoldsAsync(() => Task.FromResult(relayed.Any(message => message.ClientId == clientId)), what);
        return clientId;
    }
}
