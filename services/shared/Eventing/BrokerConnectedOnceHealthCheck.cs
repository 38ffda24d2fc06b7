using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration.Eventing;

/// <summary>
/// Unhealthy until the bus has been connected to RabbitMQ once, then healthy for good. A broker lost
/// later only degrades the service (the <c>rabbitmq</c> check): its API still takes writes and the
/// relay publishes them when the broker is back. But a service that never connected has not declared
/// its queues yet, so events published meanwhile would never reach it: it is not ready.
/// </summary>
internal sealed class BrokerConnectedOnceHealthCheck(IBusControl bus) : IHealthCheck
{
    private volatile bool connected;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        connected = connected || bus.CheckHealth().Status == BusHealthStatus.Healthy;
        return Task.FromResult(connected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not connected to RabbitMQ since the service started."));
    }
}
