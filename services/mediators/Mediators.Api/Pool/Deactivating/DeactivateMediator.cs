using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.Deactivating;

internal sealed record DeactivateRequest(string? Reason);

/// <summary>A deactivation as parsed: the reason, trimmed.</summary>
internal sealed record DeactivateMediator(string Reason);

/// <summary>
/// <c>POST /mediators/{id}/deactivate</c>: the mediator leaves the pool for now, with a reason; matching no longer
/// offers them. Their future appointments are given back in the same transaction, as if they had said they
/// cannot attend (<see cref="MediatorWithdrew"/>, with the reason): their time is freed and the fill sweep offers
/// each to someone else who fits, or leaves it unfilled.
/// </summary>
internal static class DeactivatingMediator
{
    public static Parsed<DeactivateMediator> Parse(DeactivateRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.RequireText("reason", request.Reason, MediatorEndpoints.MaxReasonLength);
        return errors.Any || reason is not { } given ? errors : new DeactivateMediator(given);
    }

    public static MediatorDeactivated Decide(Mediator mediator, string reason, string by, DateTimeOffset now)
    {
        return mediator.Active
            ? new MediatorDeactivated(mediator.Id, reason, by, now)
            : throw DomainRuleViolated.Conflict("mediator_inactive", "The mediator is already inactive.");
    }

    public static RouteHandlerBuilder MapDeactivateMediator(this RouteGroupBuilder mediators) =>
        mediators.MapPost("/{id:guid}/deactivate", HandleAsync)
            .WithName("DeactivateMediator")
            .RequireAuthorization(MediatorsRoles.Coordination);

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid id, DeactivateRequest? body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var result = await FieldErrors.ParsedThenAsync(body, Parse, deactivation =>
        {
            var (reason, by, now) = (deactivation.Reason, http.User.Actor(), http.Now());
            return session.WriteAsync<Mediator>(http, id, async mediator =>
            {
                var deactivated = Decide(mediator, reason, by, now);
                await GiveBackFutureBookingsAsync(session, mediator, reason, by, now, cancellationToken);
                return [deactivated];
            }, cancellationToken);
        });
        return http.RequestServices.GetRequiredService<FillSignal>().RaiseIfDone(result);
    }

    private static async Task GiveBackFutureBookingsAsync(IDocumentSession session, Mediator mediator, string reason, string by, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var held = await session.Query<Booking>()
            .Where(booking => booking.MediatorId == mediator.Id && booking.Start > now
                && (booking.Status == BookingStatus.Assigned || booking.Status == BookingStatus.Confirmed))
            .ToListAsync(cancellationToken);
        await Matching.ReleaseAsync(session, held, now, cancellationToken);
        foreach (var booking in held)
        {
            var stream = await session.Events.FetchForWriting<Booking>(booking.Id, cancellationToken);
            // What is typed about an erased client's booking is not kept, as for any other withdrawal.
            var note = booking.ClientErasedAt is null ? reason : PersonalDataMasking.Erased;
            stream.AppendOne(new MediatorWithdrew(booking.Id, mediator.Id, mediator.Name, note, by, now));
        }
    }
}
