using System.Globalization;
using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.Mediators.Clients;
using Integration.Mediators.Pool;
using JasperFx.Events;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators;

/// <summary>
/// Which mediators events leave the service: every step of a booking made for a client (intake's
/// timeline and worklist) and erasure confirmations (intake's erasure status). Bookings without a
/// client stay inside.
/// </summary>
public sealed class MediatorsIntegrationEvents : IIntegrationEventMap
{
    public async ValueTask<IReadOnlyList<object>> ToIntegrationEventsAsync(IEvent domainEvent, IQuerySession store, CancellationToken cancellationToken)
    {
        if (domainEvent.Data is ClientReferenceErased erased)
        {
            return [new IntakeEvents.ClientErasureConfirmed(erased.ClientId, MediatorsService.Name, erased.RecordedAt)];
        }

        if (!BookingActivity.IsStep(domainEvent.Data)
            || await store.LoadAsync<Booking>(domainEvent.StreamId, cancellationToken) is not { ClientId: not null } booking)
        {
            return [];
        }

        return BookingActivity.Step(booking, domainEvent) is { } activity ? [activity] : [];
    }
}

/// <summary>Each step of a booking as <see cref="Contracts.BookingActivity"/>: its status after, an English summary, its facts as values.</summary>
internal static class BookingActivity
{
    private static readonly Type[] Steps =
    [
        typeof(BookingRequested), typeof(MediatorAssigned), typeof(NoMediatorFound), typeof(BookingConfirmed), typeof(BookingCancelled),
        typeof(BookingCompleted), typeof(BookingNoShowRecorded), typeof(MediatorWithdrew),
    ];

    public static bool IsStep(object data) => Steps.Contains(data?.GetType());

    public static Contracts.BookingActivity? Step(Booking booking, IEvent domainEvent)
    {
        var language = IsoCodes.LanguageName(booking.Language) ?? booking.Language;
        var (step, status, summary, by, at, facts, note) = domainEvent.Data switch
        {
            BookingRequested e => ("requested", BookingStatus.Unfilled,
                $"A {language} mediator requested for {e.Start:u} ({e.DurationMinutes} minutes, {Name(e.Mode)})", e.RequestedBy, e.RequestedAt,
                Facts(("language", e.Language), ("mode", Name(e.Mode)), ("specialism", e.Specialism is { } specialism ? Name(specialism) : null),
                    ("start", e.Start.ToString("O", CultureInfo.InvariantCulture)),
                    ("duration_minutes", e.DurationMinutes.ToString(CultureInfo.InvariantCulture)), ("referral_id", e.ReferralId?.ToString())), null),
            MediatorAssigned e => ("assigned", BookingStatus.Assigned, $"{e.MediatorName} assigned as {language} mediator", Booking.System, e.At,
                Facts(("mediator_id", e.MediatorId.ToString()), ("mediator_name", e.MediatorName)), null),
            NoMediatorFound e => ("unfilled", BookingStatus.Unfilled, $"No {language} mediator free: unfilled", Booking.System, e.At, Facts(), null),
            BookingConfirmed e => ("confirmed", BookingStatus.Confirmed, $"{booking.MediatorName ?? "The mediator"} confirmed", e.By, e.At, Facts(), null),
            BookingCancelled e => ("cancelled", BookingStatus.Cancelled, "Mediator booking cancelled", e.By, e.At, Facts(), e.Reason),
            MediatorWithdrew e => ("withdrawn", BookingStatus.Unfilled, $"{e.MediatorName} cannot attend: looking for another {language} mediator",
                e.By, e.At, Facts(("mediator_id", e.MediatorId.ToString()), ("mediator_name", e.MediatorName)), e.Reason),
            BookingCompleted e => ("completed", BookingStatus.Completed, $"Mediation completed: {e.ActualMinutes} minutes", e.By, e.At,
                Facts(("actual_minutes", e.ActualMinutes.ToString(CultureInfo.InvariantCulture))), null),
            BookingNoShowRecorded e => ("no_show", BookingStatus.NoShow, "The client did not come to the mediated appointment", e.By, e.At, Facts(), null),
            _ => ((string?)null, BookingStatus.Unfilled, "", "", default(DateTimeOffset), Facts(), (string?)null),
        };
        return step is null
            ? null
            : new Contracts.BookingActivity(booking.Id, booking.ClientId, step, Name(status), summary, by, domainEvent.UserName, at, domainEvent.Sequence)
            {
                Language = booking.Language,
                Start = booking.Start,
                Facts = facts,
                Note = note,
            };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => VocabularyNames.Name(value);

    private static Dictionary<string, string> Facts(params (string Name, string? Value)[] facts) =>
        facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Name, fact => fact.Value!);
}
