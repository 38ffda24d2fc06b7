using System.Diagnostics;
using JasperFx.Events;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// Keeps one trace from the request that wrote an event to the consumers of its integration events.
/// The session stamps each event with the W3C <c>traceparent</c> of the activity that wrote it (a
/// request, a consumed message), and the relay publishes the event's messages inside an activity
/// continuing that trace, so MassTransit's send and the consumers in other services join it instead
/// of starting a trace of their own.
/// </summary>
public static class EventTrace
{
    public const string Header = "traceparent";
    public const string SourceName = "Integration.Relay";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Stamps every event the session appends with the current activity's trace, when there is one. Called where a
    /// session is opened: Marten copies the headers onto each event as it is appended, so a listener at save is too late.
    /// </summary>
    public static IDocumentSession Stamp(this IDocumentSession session)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceparent })
        {
            session.SetHeader(Header, traceparent);
        }

        return session;
    }

    /// <summary>The activity the relay publishes an event's messages in: a child of the trace that wrote the event, or none.</summary>
    public static Activity? StartPublishing(IEvent domainEvent, string messageType)
    {
        return domainEvent.Headers?.TryGetValue(Header, out var stamped) == true
            && ActivityContext.TryParse(stamped?.ToString(), null, out var parent)
            ? Source.StartActivity($"relay {messageType}", ActivityKind.Producer, parent)
            : null;
    }
}
