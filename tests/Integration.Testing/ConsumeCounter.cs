using System.Collections.Concurrent;
using MassTransit;

namespace Integration.Testing;

/// <summary>
/// Counts finished and faulted consumes per message type, so a test can wait until a consumer has
/// really handled every delivery before it looks at the read model.
/// </summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> completed = new();
    private readonly ConcurrentDictionary<Type, int> faulted = new();

    public int Completed<T>() => completed.GetValueOrDefault(typeof(T));

    public int Faulted<T>() => faulted.GetValueOrDefault(typeof(T));

    public Task WaitForAsync<T>(int consumes) =>
        Eventually.HoldsAsync(() => Task.FromResult(Completed<T>() + Faulted<T>() >= consumes),
            $"{consumes} consumes of {typeof(T).Name}");

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        completed.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        faulted.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
