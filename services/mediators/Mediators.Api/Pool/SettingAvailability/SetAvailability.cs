using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Pool.SettingAvailability;

internal sealed record WeeklySlotRequest(int? DayOfWeek, string? From, string? To);

internal sealed record AvailabilityExceptionRequest(DateOnly? Date, string? From, string? To, bool? Available);

internal sealed record AvailabilityRequest(string? TimeZone, IReadOnlyList<WeeklySlotRequest>? Weekly, IReadOnlyList<AvailabilityExceptionRequest>? Exceptions);

/// <summary>An availability as parsed: the time zone, weekly slots and exceptions, each as sent.</summary>
internal sealed record SetAvailability(WeeklyAvailability Availability);

/// <summary>
/// <c>PUT /mediators/{id}/availability</c>: the mediator's week in their own time zone, and exceptions (leave, extra
/// hours); a coordinator sets any mediator's, a mediator their own. The fill sweep is woken: unfilled bookings may now fit.
/// </summary>
internal static class SettingAvailability
{
    private const int MaxSlots = 70;
    private const int MaxExceptions = 400;

    public static Parsed<SetAvailability> Parse(AvailabilityRequest request)
    {
        var errors = new FieldErrors();
        errors.TimeZone("timeZone", request.TimeZone);

        var weekly = request.Weekly ?? [];
        if (weekly.Count > MaxSlots)
        {
            errors.Add("weekly", $"At most {MaxSlots} weekly slots.");
        }

        var slots = new List<WeeklySlot>(weekly.Count);
        for (var index = 0; index < weekly.Count; index++)
        {
            var field = $"weekly[{index}]";
            if (weekly[index] is not { } slot)
            {
                errors.Add(field, "A slot is {dayOfWeek, from, to}.");
                continue;
            }

            if (slot.DayOfWeek is not (>= 1 and <= 7))
            {
                errors.Add($"{field}.dayOfWeek", "1 (Monday) to 7 (Sunday).");
            }

            Window(errors, field, slot.From, slot.To, required: true);
            if ((slot.DayOfWeek, slot.From, slot.To) is ({ } dayOfWeek, { } from, { } to))
            {
                slots.Add(new WeeklySlot(dayOfWeek, from, to));
            }
        }

        var exceptions = request.Exceptions ?? [];
        if (exceptions.Count > MaxExceptions)
        {
            errors.Add("exceptions", $"At most {MaxExceptions} exceptions.");
        }

        var changes = new List<AvailabilityChange>(exceptions.Count);
        for (var index = 0; index < exceptions.Count; index++)
        {
            var field = $"exceptions[{index}]";
            if (exceptions[index] is not { } exception)
            {
                errors.Add(field, "An exception is {date, from?, to?, available}.");
                continue;
            }

            if (exception.Date is null)
            {
                errors.Required($"{field}.date");
            }

            if (exception.Available is null)
            {
                errors.Required($"{field}.available", "This field is required: false for leave, true for extra hours.");
            }

            Window(errors, field, exception.From, exception.To, required: exception.Available == true || exception.From is not null || exception.To is not null);
            if ((exception.Date, exception.Available) is ({ } date, { } available))
            {
                changes.Add(new AvailabilityChange(date, exception.From, exception.To, available));
            }
        }

        // Without errors every slot and exception was whole, so none was left out of the lists.
        return errors.Any || request.TimeZone is not { } timeZone ? errors : new SetAvailability(new WeeklyAvailability(timeZone, slots, changes));
    }

    public static RouteHandlerBuilder MapSetAvailability(this RouteGroupBuilder mediators) =>
        mediators.MapPut("/{id:guid}/availability", HandleAsync)
            .WithName("SetAvailability")
            .RequireAuthorization(MediatorsRoles.CoordinationOrMediator);

    private static void Window(FieldErrors errors, string field, string? from, string? to, bool required)
    {
        if (!required)
        {
            return;
        }

        var start = LocalTimes.TryParse(from, endOfDayAllowed: false);
        var end = LocalTimes.TryParse(to, endOfDayAllowed: true);
        if (start is null)
        {
            errors.Add($"{field}.from", "A local time HH:mm (00:00–23:59).");
        }

        if (end is null)
        {
            errors.Add($"{field}.to", "A local time HH:mm (00:01–24:00).");
        }

        if (start is not null && end is not null && end <= start)
        {
            errors.Add($"{field}.to", "Later than from (a window ends on the day it starts; use 24:00 for midnight).");
        }
    }

    private static async Task<WriteResult<NoContent>> HandleAsync(Guid id, AvailabilityRequest request, IDocumentSession session, HttpContext http, FillSignal fill,
        CancellationToken cancellationToken)
    {
        if (!Parse(request).TryGet(out var setting, out var errors))
        {
            return errors.ToProblem();
        }

        return fill.RaiseIfDone(await session.WriteAsync<Mediator>(http, id, _ => new AvailabilitySet(id, setting.Availability, http.User.Actor(), http.Now()),
            cancellationToken, mediator => Task.FromResult(MediatorEndpoints.CanSee(http.User, mediator) ? null : (Refusal)StreamWrites.NotFound(MediatorEndpoints.NoSuchMediator)),
            notFound: MediatorEndpoints.NoSuchMediator));
    }
}
