using System.Diagnostics.CodeAnalysis;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Intake.Tests;

/// <summary>
/// How Kubernetes runs a service (deploy/k8s): API replicas with <c>EventStore:RunDaemon=false</c>
/// and one worker with it on, the same code against the same database and broker. The API serves
/// without the daemon; only the worker relays the events the API committed.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class DaemonSplitTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Elsewhere = new()
    {
        ["Services:referrals"] = "http://127.0.0.1:9/",
        ["Services:mediators"] = "http://127.0.0.1:9/",
    };

    private IsolatedEnvironment environment = null!;
    private ServiceFactory<IntakeService> api = null!;
    private ServiceFactory<IntakeService>? worker;

    public async Task InitializeAsync()
    {
        environment = await IsolatedEnvironment.CreateAsync();
        api = new ServiceFactory<IntakeService>(environment, IntakeService.Name, With("false"));
        await BusOf(api).WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task an_api_instance_without_the_daemon_serves_requests_and_the_worker_relays_what_it_committed()
    {
        await using var published = await PublishedMessages.ListenAsync<IntakeEvents.ClientRegistered>(environment.Bus);
        using var http = api.CreateClient().As("frontdesk");

        var before = await http.RegisterAsync(IntakeApi.NewClient("Iryna", IntakeApi.UniqueName(), "1987-01-30"));
        var (client, _) = await http.GetClientAsync(before);
        Assert.Equal(before, client.GetProperty("id").GetGuid());
        Assert.Equal(0, await ProgressRowsAsync());
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(published.Received);

        worker = new ServiceFactory<IntakeService>(environment, IntakeService.Name, With("true"));
        await BusOf(worker).WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var after = await http.RegisterAsync(IntakeApi.NewClient("Taras", IntakeApi.UniqueName(), "1979-08-21"));

        await published.WaitForAsync(message => message.ClientId == before, "the registration committed before the worker started, relayed by it");
        await published.WaitForAsync(message => message.ClientId == after, "a registration through the API relayed by the worker");
        Assert.True(await ProgressRowsAsync() > 0, "the worker's daemon records its progress");
    }

    public async Task DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        await api.DisposeAsync();
        await environment.DisposeAsync();
    }

    private static Dictionary<string, string> With(string runDaemon) => new(Elsewhere) { ["EventStore:RunDaemon"] = runDaemon };

    private static IBusControl BusOf(ServiceFactory<IntakeService> instance) => instance.Services.GetRequiredService<IBusControl>();

    /// <summary>Rows of Marten's progression table: the async daemon writes them; nothing else does.</summary>
    private Task<long> ProgressRowsAsync() => environment.CountRowsAsync(IntakeService.Name, "mt_event_progression");
}
