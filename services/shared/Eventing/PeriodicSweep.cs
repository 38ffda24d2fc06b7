using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Eventing;

/// <summary>
/// A timer on the service's own store (RabbitMQ here has no delayed messages): every interval it
/// runs <see cref="SweepAsync"/>, which finds what fell due in a projection and records it as
/// events. Deadlines live in the store, so the timer survives restarts; a failed sweep is logged and
/// the next interval tries again. Tests call <see cref="SweepAsync"/> directly with a fake clock.
/// </summary>
public abstract partial class PeriodicSweep(TimeProvider clock, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, GetType().Name, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public abstract Task SweepAsync(CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweep} failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string sweep, Exception exception);
}
