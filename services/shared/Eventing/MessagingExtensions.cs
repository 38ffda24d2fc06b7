using Integration.ServiceDefaults;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Integration.Eventing;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (<c>ConnectionStrings:RabbitMq</c>, an amqp URI). Each service's
    /// queues carry its name as prefix, so every service gets its own copy of an event. Retries
    /// with back-off before a message goes to the error queue. Quorum queues when
    /// <c>Messaging:QuorumQueues</c> is true (a RabbitMQ cluster).
    /// </summary>
    public static WebApplicationBuilder AddMessaging(
        this WebApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var connection = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:RabbitMq is not set. Run ./run.sh, or set ConnectionStrings__RabbitMq (amqp://user:password@host:5672/vhost).");
        var quorumQueues = builder.Configuration.GetValue("Messaging:QuorumQueues", defaultValue: false);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "rabbitmq";
                health.Tags.Add(ServiceDefaultsExtensions.ReadyTag);
                // Without the broker the API still takes writes (the relay publishes them when it is back), so a lost
                // broker is Degraded, which readiness reports (200 with the entry) without taking the service out of rotation.
                health.MinimalFailureStatus = HealthStatus.Degraded;
            });
            configureConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                context.GetRequiredService<SetAsideMessages>().CountAndMoveToErrorQueue(endpoint);
                // Nobody consumes MassTransit's Fault messages: a message that failed goes to its _error queue with the
                // reason in its headers, where operators look. Publishing them would also let every service write to
                // exchanges shared by all, which its own RabbitMQ user may not (deploy/rabbitmq/permissions.tsv).
                endpoint.PublishFaults = false;
                // Per endpoint: the bus-level setting reaches only the bus's own (temporary) queue.
                if (quorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connection));
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    retryLimit: 8, minInterval: TimeSpan.FromMilliseconds(100), maxInterval: TimeSpan.FromSeconds(15),
                    intervalDelta: TimeSpan.FromMilliseconds(250)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddSingleton<SetAsideMessages>();
        builder.Services.AddSingleton<BrokerConnectedOnceHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<BrokerConnectedOnceHealthCheck>("rabbitmq-since-start", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("MassTransit").AddSource(EventTrace.SourceName))
            .WithMetrics(metrics => metrics.AddMeter("MassTransit").AddMeter(SetAsideMessages.MeterName));
        return builder;
    }

    /// <summary>Publishes the service's integration events through <see cref="IntegrationEventRelay"/>.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddIntegrationEventRelay<TMap>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TMap : class, IIntegrationEventMap
    {
        marten.Services.AddSingleton<IIntegrationEventMap, TMap>();
        return marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton, options =>
        {
            options.Options.BatchSize = 500;
        });
    }
}
