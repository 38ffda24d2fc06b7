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
/// other stands by. When the leader stops, the other takes over, and every registration, before and
/// after, is relayed exactly once. Prints how long the takeover took.
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
        var handle = environment.Bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance,
            endpoint => endpoint.Handler<IntakeEvents.ClientRegistered>(context =>
            {
                relayed.Add((context.Message.ClientId, context.MessageId));
                return Task.CompletedTask;
            }));
        await handle.Ready;
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

    private async Task<Guid> RegisterAndWaitAsync(HttpClient http, string what)
    {
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Olena", IntakeApi.UniqueName(), "1983-03-13"));
        await Eventually.HoldsAsync(() => Task.FromResult(relayed.Any(message => message.ClientId == clientId)), what);
        return clientId;
    }
}
