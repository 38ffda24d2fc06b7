using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Tests;

/// <summary>
/// A malformed integration event on a real broker goes to the consumer's error queue with the reason
/// it failed, is counted on the metric operators watch (integration.messages.set_aside, per queue),
/// and does not hold up the messages behind it.
/// </summary>
public sealed class PoisonMessageTests(MediatorsFixture mediators, ITestOutputHelper output) : IClassFixture<MediatorsFixture>
{
    private readonly Pool pool = new(mediators);

    [Fact]
    public async Task a_malformed_event_is_set_aside_with_its_reason_and_the_next_one_is_applied()
    {
        var exchange = typeof(IntakeEvents.ClientRegistered).FullName!.Replace(".ClientRegistered", ":ClientRegistered", StringComparison.Ordinal);
        var registered = mediators.Consumes.Completed<IntakeEvents.ClientRegistered>();
        using var setAsideCount = new SetAsideCount(mediators.Services.GetRequiredService<IMeterFactory>());

        await mediators.Environment.PublishRawAsync(exchange, "{ \"message\": { \"clientId\": ", "application/vnd.masstransit+json");
        var clientId = Guid.NewGuid();
        await pool.PublishAsync(new IntakeEvents.ClientRegistered(clientId, "Fatima", "Zahra", new DateOnly(1992, 2, 2), DateTimeOffset.UtcNow)
        {
            Office = TestTokens.Office,
        });
        await mediators.Consumes.WaitForAsync<IntakeEvents.ClientRegistered>(registered + 1);

        using var coordinator = pool.As("coordinator");
        using (var known = await coordinator.GetAsync($"/clients/{clientId}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, known.StatusCode);
        }

        var errorQueue = await Eventually.GetAsync(async () => (await mediators.Environment.QueuesAsync()).EnumerateArray()
            .Select(queue => queue.GetProperty("name").GetString()!)
            .FirstOrDefault(name => name.EndsWith("-client-registered_error", StringComparison.Ordinal)), "the error queue");
        var setAside = await Eventually.GetAsync(async () =>
            await mediators.Environment.PeekAsync(errorQueue, 10) is { ValueKind: JsonValueKind.Array } messages && messages.GetArrayLength() > 0
                ? messages.EnumerateArray().ToList() : null, "the malformed message in the error queue");
        var headers = setAside[0].GetProperty("properties").GetProperty("headers");
        var reason = headers.GetProperty("MT-Fault-Message").GetString();
        output.WriteLine($"error queue {errorQueue}: {setAside.Count} message(s), the next event applied; reason: {reason}");
        Assert.Single(setAside);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(1, setAsideCount.Of(errorQueue[..^"_error".Length]));
    }

    /// <summary>What this service's <c>integration.messages.set_aside</c> counter recorded, per queue.</summary>
    private sealed class SetAsideCount : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

        public SetAsideCount(IMeterFactory meters)
        {
            listener.InstrumentPublished = (instrument, subscriber) =>
            {
                if (instrument.Name == "integration.messages.set_aside" && instrument.Meter.Scope == meters)
                {
                    subscriber.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "messaging.destination.name", Value: string queue })
                    {
                        counts.AddOrUpdate(queue, value, (_, count) => count + value);
                    }
                }
            });
            listener.Start();
        }

        public long Of(string queue) => counts.GetValueOrDefault(queue);

        public void Dispose() => listener.Dispose();
    }
}
