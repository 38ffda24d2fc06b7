using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Intake.Tests;

/// <summary>
/// <c>Messaging:QuorumQueues</c> (on in deploy/k8s/overlays/prod): the service's queues are
/// declared as quorum queues, which RabbitMQ replicates across a cluster's nodes; off, they stay
/// classic. Checked on the real broker through its management API.
/// </summary>
public sealed class QuorumQueueTests
{
    [Theory]
    [InlineData("true", "quorum")]
    [InlineData("false", "classic")]
    public async Task the_services_durable_queues_follow_the_setting(string quorumQueues, string expectedType)
    {
        await using var environment = await IsolatedEnvironment.CreateAsync();
        await using var intake = new ServiceFactory<IntakeService>(environment, IntakeService.Name, new Dictionary<string, string>
        {
            ["Messaging:QuorumQueues"] = quorumQueues,
            ["Services:referrals"] = "http://127.0.0.1:9/",
            ["Services:mediators"] = "http://127.0.0.1:9/",
        });
        await intake.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));

        var queues = await Eventually.GetAsync(async () =>
        {
            var durable = (await environment.QueuesAsync()).EnumerateArray()
                .Where(queue => queue.GetProperty("durable").GetBoolean() && !queue.GetProperty("auto_delete").GetBoolean()).ToList();
            return durable.Count > 0 ? durable : null;
        }, "the service's queues declared on the broker");

        Assert.All(queues, queue => Assert.Equal(expectedType, queue.GetProperty("type").GetString()));
        Assert.Contains(queues, queue => queue.GetProperty("name").GetString()!.StartsWith("intake-", StringComparison.Ordinal));

        await using var published = await PublishedMessages.ListenAsync<Integration.Intake.Contracts.ClientRegistered>(
            environment.Bus);
        using var http = intake.CreateClient().As("frontdesk");
        var clientId = await http.RegisterAsync(IntakeApi.NewClient("Nadia", IntakeApi.UniqueName(), "1990-10-10"));
        await published.WaitForAsync(message => message.ClientId == clientId, "the registration relayed with these queues");
    }
}
