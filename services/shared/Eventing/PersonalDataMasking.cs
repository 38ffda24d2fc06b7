using JasperFx.Events;
using Marten;

namespace Integration.Eventing;

/// <summary>
/// Erasure of a person's data from event streams by masking (docs/architecture.md, "Erasure"):
/// each event type that carries personal data has a rule that returns a copy without it, and an
/// erasure overwrites the stored events with their masked copies. The overwrites are staged in the
/// caller's session (Marten's <c>OverwriteEvent</c>), so they commit in one transaction with the
/// erasure's own event and the snapshot it blanks: there is no moment at which a stream is marked
/// erased but still readable. Event types without a rule are kept as they are, so every type that
/// can hold personal data needs one; the erasure tests scan every table for the person's data.
/// </summary>
public sealed class PersonalDataMasking
{
    private readonly Dictionary<Type, Action<IEvent>> rules = [];

    public PersonalDataMasking Mask<TEvent>(Func<TEvent, TEvent> rule) where TEvent : notnull
    {
        rules[typeof(TEvent)] = stored =>
        {
            var typed = (Event<TEvent>)stored;
            typed.Data = rule(typed.Data);
        };
        return this;
    }

    /// <summary>Stages the masked copies of the stream's events in <paramref name="session"/>; returns how many.</summary>
    public async Task<int> MaskStreamAsync(IDocumentSession session, Guid streamId, CancellationToken cancellationToken)
    {
        var masked = 0;
        foreach (var stored in await session.Events.FetchStreamAsync(streamId, token: cancellationToken))
        {
            if (rules.TryGetValue(stored.EventType, out var rule))
            {
                rule(stored);
                session.Events.OverwriteEvent(stored);
                masked++;
            }
        }

        return masked;
    }

    /// <summary>
    /// Masks a stream and appends <paramref name="erased"/>, the event whose snapshot handler blanks the
    /// read model, and then <paramref name="then"/> (what the erasure ends: a withdrawal, a cancellation),
    /// at the version read: a change committed meanwhile fails the whole transaction, and the retry masks
    /// that change too.
    /// </summary>
    public async Task MaskAndRecordAsync<TState>(IDocumentSession session, Guid streamId, object erased, CancellationToken cancellationToken,
        params object[] then)
        where TState : class
    {
        var stream = await session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        await MaskStreamAsync(session, streamId, cancellationToken);
        stream.AppendOne(erased);
        stream.AppendMany(then);
    }

    /// <summary>What a masked text reads: it says that something was there, not what.</summary>
    public const string Erased = "[erased]";

    /// <summary>A masked optional text: absent stays absent.</summary>
    public static string? Text(string? value) => value is null ? null : Erased;
}
