using System.Security.Claims;
using Integration.Eventing;
using Integration.Mediators.Bookings.Cancelling;
using Integration.Mediators.Bookings.Completing;
using Integration.Mediators.Bookings.Confirming;
using Integration.Mediators.Bookings.FindingFreeSlots;
using Integration.Mediators.Bookings.Listing;
using Integration.Mediators.Bookings.Reading;
using Integration.Mediators.Bookings.RecordingNoShows;
using Integration.Mediators.Bookings.Requesting;
using Integration.Mediators.Bookings.Withdrawing;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Bookings;

/// <summary>The body of a command that needs none (confirm, no-show).</summary>
public sealed record NoDetails;

/// <summary>Wakes the <see cref="FillSweep"/> when a mediator may have become free for an unfilled booking.</summary>
public sealed class FillSignal : SweepSignal;

/// <summary>
/// The booking routes, each use case in its own file under a folder named for what it does
/// (<c>Requesting/RequestBooking.cs</c>, <c>Cancelling/CancelBooking.cs</c>…), and what they share:
/// the store's configuration, limits, who may see a booking, and how a state change is mapped.
/// </summary>
internal static class BookingEndpoints
{
    public const int MinDurationMinutes = 10;
    public const int MaxDurationMinutes = 480;
    public const int MaxTextLength = 2000;

    /// <summary>A year ahead at most: a start further out is almost always a mistyped year.</summary>
    public const int MaxDaysAhead = 366;

    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Booking>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        options.Projections.Snapshot<MediatorDay>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        options.Schema.For<Booking>()
            .Duplicate(booking => booking.Start)
            .Duplicate(booking => booking.Status)
            .Duplicate(booking => booking.Language)
            .Duplicate(booking => booking.MediatorId)
            .Duplicate(booking => booking.ReferralId)
            .Duplicate(booking => booking.ClientId)
            .Duplicate(booking => booking.RequesterOrganisation);
    }

    /// <summary>
    /// Staff of the one-stop-shop (front desk, case workers) and coordinators see every booking;
    /// partner staff those their organisation asked for; a mediator only their own. Anything else
    /// does not exist for the caller (404).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, Booking booking, IReadOnlyCollection<Guid> ownMediators)
    {
        if (user.IsCoordinator() || user.IsInRole("frontdesk") || user.IsInRole("caseworker"))
        {
            return true;
        }

        if (user.IsInRole("partner") && user.Organisation() is { } organisation && booking.RequesterOrganisation == organisation)
        {
            return true;
        }

        return user.IsInRole("mediator") && booking.MediatorId is { } mediator && ownMediators.Contains(mediator);
    }

    /// <summary>The mediator records of a caller signed in as a mediator (their token subject is the record's <c>userId</c>).</summary>
    public static async Task<IReadOnlyList<Guid>> OwnMediatorsAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole("mediator"))
        {
            return [];
        }

        var subject = user.Actor();
        return await session.Query<Mediator>().Where(mediator => mediator.UserId == subject).Select(mediator => mediator.Id)
            .ToListAsync(cancellationToken);
    }

    public static IEndpointRouteBuilder MapBookings(this IEndpointRouteBuilder endpoints)
    {
        var bookings = endpoints.MapGroup("/bookings").WithTags("Bookings");
        bookings.MapRequestBooking();
        bookings.MapGetBooking();
        bookings.MapListBookings();
        bookings.MapConfirmBooking();
        bookings.MapCancelBooking();
        bookings.MapCompleteBooking();
        bookings.MapRecordBookingNoShow();
        bookings.MapWithdrawFromBooking();
        bookings.MapFindFreeSlots();
        return endpoints;
    }

    /// <summary>
    /// Maps <c>POST /bookings/{id}/{action}</c> (see <see cref="StreamTransitions"/>) for whoever may
    /// see the booking; with <paramref name="release"/> the mediator's time is freed in the same
    /// transaction and the fill sweep woken.
    /// </summary>
    public static RouteHandlerBuilder MapBookingTransition<TRequest>(this RouteGroupBuilder bookings, string action, string name,
        Func<TRequest, DateTimeOffset, FieldErrors> validate, Func<Booking, TRequest, string, DateTimeOffset, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null, bool release = false)
        where TRequest : class =>
        bookings.MapTransition<Booking, TRequest>(action, "No such booking.", validate,
                async (session, http, booking, cancellationToken) =>
                    CanSee(http.User, booking, await OwnMediatorsAsync(session, http.User, cancellationToken)),
                decide, whenBodyIsEmpty,
                release ? (session, _, booking, now, cancellationToken) => Matching.ReleaseAsync(session, [booking], now, cancellationToken) : null,
                release ? http => http.RequestServices.GetRequiredService<FillSignal>().Raise() : null)
            .WithName(name)
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    /// <summary>A text as stored: trimmed, or null when blank.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
