using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Xunit.Abstractions;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.EndToEnd.Tests;

/// <summary>
/// Parts fail under the running system and nothing is lost: its own RabbitMQ is stopped for twenty
/// seconds or drops every service's connection, its own PostgreSQL is stopped and started again, and a
/// consumer is killed in the middle of a burst. Every registration still reaches the other services exactly once
/// (version 1 of its reference there), because the relay publishes from the event store after the
/// fact, consumers are idempotent, and unacknowledged messages are delivered again. Each test prints
/// what it counted.
/// </summary>
[Collection(SharedRunningSystem.Name)]
public sealed class FaultInjectionTests(FaultedSystem system, ITestOutputHelper output) : IClassFixture<FaultedSystem>
{
    private const int Registrations = 20;
    private const int Burst = 300;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task while_rabbitmq_is_stopped_writes_are_answered_health_is_degraded_and_every_event_arrives_once_after_it_starts()
    {
        using var http = await system.SignedInAsync("caseworker");
        using var health = new HttpClient { BaseAddress = system.Intake.Address };
        var registered = new List<Guid>();
        await system.Servers.StopRabbitMqAsync();
        try
        {
            var back = DateTimeOffset.UtcNow + Outage;
            while (DateTimeOffset.UtcNow < back)
            {
                registered.Add(await http.RegisterAsync(Gateway.UniqueName("Given"), Gateway.UniqueName("NoBroker"), "1986-06-06"));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Assert.Equal((HttpStatusCode.OK, "Degraded"), await ReadinessAsync(health));
        }
        finally
        {
            await system.Servers.StartRabbitMqAsync();
        }

        await Eventually.HoldsAsync(async () => (await ReadinessAsync(health)).Broker == "Healthy", "intake to reconnect to RabbitMQ");
        await ArrivedOnceAsync(http, registered, ["referrals", "mediators"], $"RabbitMQ stopped for {Outage.TotalSeconds} s and started again");
    }

    [Fact]
    public async Task every_registration_arrives_once_though_rabbitmq_drops_every_connection_twice()
    {
        using var http = await system.SignedInAsync("caseworker");
        var closed = 0;

        var registered = await RegisterWhileAsync(http, async () => closed += await system.Environment.CutServiceBrokerConnectionsAsync());

        Assert.True(closed > 0, "the services had broker connections to close");
        await ArrivedOnceAsync(http, registered, ["referrals", "mediators"], $"RabbitMQ dropped {closed} connections");
    }

    [Fact]
    public async Task while_postgresql_restarts_requests_get_a_503_to_retry_or_succeed_and_every_event_arrives_once()
    {
        using var http = await system.SignedInAsync("caseworker");
        var answers = new ConcurrentBag<(HttpStatusCode Status, string? RetryAfter, string? Type, Guid? ClientId)>();
        using var restarted = new CancellationTokenSource();

        // Four callers register until a moment after PostgreSQL is back, so requests are in flight as it stops and as it starts.
        var callers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!restarted.IsCancellationRequested)
            {
                answers.Add(await TryRegisterAsync(http));
            }
        }).ToList();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await system.Servers.StopPostgresAsync();
            try
            {
                await Task.Delay(DatabaseOutage);
            }
            finally
            {
                await system.Servers.StartPostgresAsync();
            }
        }
        finally
        {
            restarted.CancelAfter(TimeSpan.FromSeconds(3));
            await Task.WhenAll(callers);
        }

        var refused = answers.Where(answer => answer.Status != HttpStatusCode.Created).ToList();
        output.WriteLine($"PostgreSQL stopped for {DatabaseOutage.TotalSeconds} s; {answers.Count} registrations: {answers.Count - refused.Count} created, " +
            $"{refused.Count} refused ({string.Join(", ", refused.GroupBy(answer => answer.Status).Select(group => $"{(int)group.Key}: {group.Count()}"))})");
        Assert.NotEmpty(refused);
        Assert.All(refused, answer => Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (answer.Status, answer.Type)));
        Assert.All(refused, answer => Assert.False(string.IsNullOrEmpty(answer.RetryAfter), "a 503 says when to retry"));
        Assert.Equal(HttpStatusCode.Created, (await TryRegisterAsync(http)).Status);
        await ArrivedOnceAsync(http, [.. answers.Select(answer => answer.ClientId).OfType<Guid>()], ["referrals", "mediators"],
            $"PostgreSQL stopped for {DatabaseOutage.TotalSeconds} s and started again");
    }

    [Fact]
    public async Task a_consumer_killed_in_the_middle_of_a_burst_applies_every_event_once_after_it_restarts()
    {
        using var http = await system.SignedInAsync("coordinator");
        var clientIds = Enumerable.Range(0, Burst).Select(_ => Guid.NewGuid()).ToList();
        var before = await system.Environment.CountRowsAsync("referrals", "mt_doc_clientreference");

        await Task.WhenAll(clientIds.Select(clientId => system.Environment.Bus.Publish(
            new IntakeEvents.ClientRegistered(clientId, "Burst", Gateway.UniqueName("Killed"), new DateOnly(1990, 3, 3), DateTimeOffset.UtcNow)
            {
                Office = TestTokens.Office,
            },
            context => context.MessageId = NewId.NextGuid())));
        await Eventually.HoldsAsync(async () => await system.Environment.CountRowsAsync("referrals", "mt_doc_clientreference") > before,
            "referrals to start applying the burst");
        long appliedWhenKilled;
        try
        {
            await system.Referrals.StopAsync();
            appliedWhenKilled = await system.Environment.CountRowsAsync("referrals", "mt_doc_clientreference") - before;
        }
        finally
        {
            await system.Referrals.StartAsync();
            await system.Referrals.WaitUntilReadyAsync();
        }

        Assert.True(appliedWhenKilled < Burst, $"the kill came after the whole burst was applied ({appliedWhenKilled} of {Burst})");
        await ArrivedOnceAsync(http, clientIds, ["referrals"], $"referrals killed after applying {appliedWhenKilled} of {Burst}");
    }

    /// <summary>Registers <see cref="Registrations"/> people through the gateway, causing <paramref name="fault"/> after a quarter and after two thirds.</summary>
    private static async Task<List<Guid>> RegisterWhileAsync(HttpClient http, Func<Task> fault)
    {
        var registered = new List<Guid>();
        for (var i = 0; i < Registrations; i++)
        {
            if (i == Registrations / 4 || i == Registrations * 2 / 3)
            {
                await fault();
            }

            registered.Add(await http.RegisterAsync(Gateway.UniqueName("Given"), Gateway.UniqueName("Fault"), "1988-08-08"));
        }

        return registered;
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, string? Type, Guid? ClientId)> TryRegisterAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/intake/clients",
            new { givenName = Gateway.UniqueName("Given"), familyName = Gateway.UniqueName("NoDatabase"), dateOfBirth = "1984-04-04" });
        Guid? clientId = response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetGuid()
            : null;
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType, clientId);
    }

    private static async Task<(HttpStatusCode Status, string? Broker)> ReadinessAsync(HttpClient health)
    {
        using var response = await health.GetAsync("health/ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, report.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
    }

    /// <summary>Every client has reached each service once (its reference there is at version 1); prints what was counted.</summary>
    private async Task ArrivedOnceAsync(HttpClient http, List<Guid> clientIds, string[] services, string fault)
    {
        var counts = new List<string>();
        foreach (var service in services)
        {
            var duplicates = 0;
            foreach (var clientId in clientIds)
            {
                var client = await http.ArrivedAsync(service, clientId);
                duplicates += client.GetProperty("version").GetInt32() == 1 ? 0 : 1;
            }

            counts.Add($"{service}: {clientIds.Count} received, {duplicates} applied twice, 0 lost");
            Assert.Equal(0, duplicates);
        }

        output.WriteLine($"{fault}: {clientIds.Count} events sent; {string.Join("; ", counts)}");
    }
}
