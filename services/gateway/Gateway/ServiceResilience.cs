using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Yarp.ReverseProxy.Forwarder;

namespace Integration.Gateway;

/// <summary>
/// The HTTP clients YARP forwards with, wrapped in a Polly pipeline per cluster: a 30-second
/// timeout per attempt, a circuit breaker that stops hammering a failing service (half the
/// requests failing over 30 s, at least 20 of them: open for 15 s), and for reads only (GET, HEAD)
/// two retries with jittered back-off on connection failures, timeouts, 502 and 504. A 503 is a
/// service's own answer (an export missing a service, a readiness probe) and passes through
/// untouched, so neither retries nor anonymous probes can trip the breaker. Writes are never
/// retried here: a retried POST could create twice; clients retry them with an Idempotency-Key.
/// </summary>
public sealed class ResilientForwarderHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        return new ResilienceHandler(Pipeline()) { InnerHandler = base.WrapHandler(context, handler) };
    }

    public static ResiliencePipeline<HttpResponseMessage> Pipeline() =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = arguments => ValueTask.FromResult(IsRead(arguments.Context) && IsTransient(arguments.Outcome)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome)),
            })
            .AddTimeout(AttemptTimeout)
            .Build();

    private static bool IsRead(ResilienceContext context) =>
        context.GetRequestMessage()?.Method is { } method && (method == HttpMethod.Get || method == HttpMethod.Head);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
}
