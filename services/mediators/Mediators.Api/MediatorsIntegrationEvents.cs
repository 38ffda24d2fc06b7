using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.Mediators.Clients;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
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

        if (BookingSteps.Of(domainEvent.Data) is not { } step
            || await store.LoadAsync<Booking>(domainEvent.StreamId, cancellationToken) is not { ClientId: not null } booking)
        {
            return [];
        }

        return [BookingActivity.Of(step, booking, domainEvent)];
    }
}

/// <summary>Each step of a booking (<see cref="BookingSteps"/>) as <see cref="Contracts.BookingActivity"/>, with the status it leads to.</summary>
internal static class BookingActivity
{
    public static Contracts.BookingActivity Of(BookingStep step, Booking booking, IEvent domainEvent) =>
        new(booking.Id, booking.ClientId, step.Type, VocabularyNames.Name(step.After),
            BookingSteps.Summary(step.Type, step.Facts, booking.Language, booking.MediatorName), step.By, domainEvent.UserName, step.At,
            domainEvent.Sequence)
        {
            Language = booking.Language,
            Start = booking.Start,
            Facts = step.Facts,
            Note = step.Note,
            FundingStream = booking.FundingStream,
        };
}
