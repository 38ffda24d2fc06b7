using System.Collections.Concurrent;
using MassTransit;

namespace Integration.Testing;

/// <summary>
/// Receives every <typeparamref name="T"/> published on the test's broker from now on, on a
/// temporary queue of its own: how a test sees what a service's relay published for the others.
/// </summary>
public sealed class PublishedMessages<T> : IAsyncDisposable where T : class
{
    private readonly ConcurrentQueue<T> received = new();
    private HostReceiveEndpointHandle? handle;

    public IReadOnlyList<T> Received => [.. received];

    internal async Task ListenAsync(IBus bus)
    {
        handle = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance,
            endpoint => endpoint.Handler<T>(context =>
            {
                received.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        await handle.Ready;
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, string what) =>
        await Eventually.GetAsync(() => Task.FromResult(received.FirstOrDefault(match)), what);

    public async ValueTask DisposeAsync()
    {
        if (handle is not null)
        {
            await handle.StopAsync();
        }
    }
}

public static class PublishedMessages
{
    public static async Task<PublishedMessages<T>> ListenAsync<T>(IBus bus) where T : class
    {
        ArgumentNullException.ThrowIfNull(bus);
        var messages = new PublishedMessages<T>();
        await messages.ListenAsync(bus);
        return messages;
    }
}
