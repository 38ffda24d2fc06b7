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
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Integration.Mediators.Bookings;

/// <summary>The body of a command that needs none (confirm, no-show).</summary>
public sealed record NoDetails;

/// <summary>Wakes the <see cref="FillSweep"/> when a mediator may have become free for an unfilled booking.</summary>
public sealed class FillSignal : SweepSignal
{
    /// <summary>Wakes the fill sweep when <paramref name="result"/> says the write was done (a refused one freed and changed nothing); returns it.</summary>
    public WriteResult<TDone> RaiseIfDone<TDone>(WriteResult<TDone> result)
        where TDone : IResult, IEndpointMetadataProvider
    {
        if (result.Result is TDone)
        {
            Raise();
        }

        return result;
    }
}

/// <summary>
/// The booking routes, each use case in its own file under a folder named for what it does
/// (<c>Requesting/RequestBooking.cs</c>, <c>Cancelling/CancelBooking.cs</c>…), and what they share:
/// the store's configuration, limits, who may see a booking, and how a booking is changed.
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
            .Duplicate(booking => booking.RequesterOrganisation)
            .Duplicate(booking => booking.Office);
    }

    /// <summary>
    /// Coordinators see every booking; front desks and case workers their office's (<see cref="Booking.Office"/>,
    /// as intake scopes clients); partner staff those their organisation asked for; a mediator only their own.
    /// Anything else does not exist for the caller (404).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, Booking booking, IReadOnlyCollection<Guid> ownMediators)
    {
        if (user.IsCoordinator())
        {
            return true;
        }

        if (IsOfficeStaff(user))
        {
            return user.WorksWithOffice(booking.Office);
        }

        if (user.IsInRole("partner") && user.Organisation() is { } organisation && booking.RequesterOrganisation == organisation)
        {
            return true;
        }

        return user.IsInRole("mediator") && booking.MediatorId is { } mediator && ownMediators.Contains(mediator);
    }

    /// <summary>The bookings <see cref="CanSee"/> lets the caller see, as a query.</summary>
    public static async Task<IQueryable<Booking>> VisibleAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var bookings = session.Query<Booking>().AsQueryable();
        if (user.IsCoordinator())
        {
            return bookings;
        }

        if (IsOfficeStaff(user))
        {
            var office = user.Office() ?? "";
            return bookings.Where(booking => booking.Office == office);
        }

        if (user.IsInRole("partner"))
        {
            var organisation = user.Organisation() ?? Guid.Empty;
            return bookings.Where(booking => booking.RequesterOrganisation == organisation);
        }

        Guid?[] own = [.. (await OwnMediatorsAsync(session, user, cancellationToken)).Select(mediator => (Guid?)mediator)];
        return bookings.Where(booking => booking.MediatorId.IsOneOf(own));
    }

    /// <summary>Front desks and case workers: they work with one office's clients.</summary>
    public static bool IsOfficeStaff(ClaimsPrincipal user) => user.IsInRole("frontdesk") || user.IsInRole("caseworker");

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

    public const string NoSuchBooking = "No such booking.";

    /// <summary>
    /// Changes a booking through <see cref="StreamWrites"/> for whoever may see it (<see cref="CanSee"/>,
    /// or <paramref name="mayAct"/>; anyone else gets a 404). With <paramref name="release"/> the
    /// mediator's time is freed in the same transaction and the fill sweep woken.
    /// </summary>
    public static async Task<WriteResult<NoContent>> WriteBookingAsync(this IDocumentSession session, HttpContext http, Guid id, Func<Booking, object> decide,
        CancellationToken cancellationToken, bool release = false, Func<Booking, IReadOnlyCollection<Guid>, bool>? mayAct = null)
    {
        var ownMediators = await OwnMediatorsAsync(session, http.User, cancellationToken);
        var result = await session.WriteAsync<Booking>(http, id, async booking =>
            {
                if (release)
                {
                    await Matching.ReleaseAsync(session, [booking], http.Now(), cancellationToken);
                }

                return [decide(booking)];
            }, cancellationToken,
            booking => Task.FromResult((mayAct ?? ((visible, own) => CanSee(http.User, visible, own)))(booking, ownMediators)
                ? null
                : (Refusal)StreamWrites.NotFound(NoSuchBooking)),
            notFound: NoSuchBooking);
        return release ? http.RequestServices.GetRequiredService<FillSignal>().RaiseIfDone(result) : result;
    }
}
