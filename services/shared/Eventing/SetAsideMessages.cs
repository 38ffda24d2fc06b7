using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Middleware;

namespace Integration.Eventing;

/// <summary>
/// Each receive endpoint's error pipe: counts a message it sets aside (a body it could not read, or
/// one that still failed after the retries) on the metric <see cref="InstrumentName"/>, tagged with
/// the queue, so operators see poison messages on the metrics dashboard and can alert on them; then
/// moves the message to its <c>_error</c> queue with the reason in its headers, as MassTransit does by
/// default. One counter per service, shared by its endpoints.
/// </summary>
internal sealed class SetAsideMessages(IMeterFactory meters)
{
    public const string MeterName = "Integration.Messaging";
    public const string InstrumentName = "integration.messages.set_aside";

    private readonly Counter<long> counter = meters.Create(MeterName).CreateCounter<long>(InstrumentName, unit: "{message}",
        description: "Messages moved to an error queue: unreadable, or failed after every retry.");

    public void CountAndMoveToErrorQueue(IReceiveEndpointConfigurator endpoint) =>
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new CountFilter(counter));
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });

    private sealed class CountFilter(Counter<long> counter) : IFilter<ExceptionReceiveContext>
    {
        public void Probe(ProbeContext context) => context.CreateFilterScope("countSetAside");

        public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
        {
            counter.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", context.InputAddress.AbsolutePath.Split('/')[^1]));
            return next.Send(context);
        }
    }
}
