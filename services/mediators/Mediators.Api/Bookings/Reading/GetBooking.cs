using Integration.Eventing;
using Integration.Mediators.Pool;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.Reading;

/// <summary>
/// A line of the booking's timeline as the API shows it: the stored step with its facts as
/// <c>details</c>, and an English <c>summary</c> made for this answer (the portal words the step itself).
/// </summary>
internal sealed record TimelineStepView(DateTimeOffset At, string By, string Type, string Summary, string? Note,
    IReadOnlyDictionary<string, string> Details)
{
    public static TimelineStepView Of(TimelineEntry entry, Booking booking) =>
        new(entry.At, entry.By, entry.Type, BookingSteps.Summary(entry.Type, entry.Facts, booking.Language, booking.MediatorName), entry.Note,
            entry.Facts);
}

/// <summary>
/// A booking as the API shows it: what was asked for and what became of it. The stream's own bookkeeping stays
/// inside: the mediator day streams it holds, the mediators who said they cannot attend, and the merge and
/// erasure markers.
/// </summary>
internal sealed record BookingView(
    Guid Id,
    string Language,
    string? Dialect,
    Specialism? Specialism,
    MediationMode Mode,
    DateTimeOffset Start,
    int DurationMinutes,
    DateTimeOffset End,
    string? Location,
    Guid? ClientId,
    Guid? ReferralId,
    BookingStatus Status,
    Guid? MediatorId,
    string? MediatorName,
    bool DialectMatched,
    string RequestedBy,
    string? RequestedByName,
    Guid? RequesterOrganisation,
    DateTimeOffset RequestedAt,
    int? ActualMinutes,
    string? CancellationReason,
    IReadOnlyList<TimelineStepView> Timeline,
    int Version)
{
    /// <summary>The office whose staff work with the booking; absent for a partner's booking without a client.</summary>
    public string? Office { get; init; }

    /// <summary>The code of the funding stream that pays for the mediation, when one does.</summary>
    public string? FundingStream { get; init; }

    /// <summary>The tenant the booking belongs to: what tells a shared mediator's bookings of several tenants apart in one list.</summary>
    public string? TenantId { get; init; }

    /// <summary>The booking as <paramref name="session"/>'s tenant holds it.</summary>
    public static BookingView From(Booking booking, IQuerySession session, Tenancy tenancy)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tenancy);
        return new BookingView(booking.Id, booking.Language, booking.Dialect, booking.Specialism, booking.Mode, booking.Start, booking.DurationMinutes,
            booking.End, booking.Location, booking.ClientId, booking.ReferralId, booking.Status, booking.MediatorId, booking.MediatorName,
            booking.DialectMatched, booking.RequestedBy, booking.RequestedByName, booking.RequesterOrganisation, booking.RequestedAt,
            booking.ActualMinutes, booking.CancellationReason,
            [.. booking.Timeline.Select(entry => TimelineStepView.Of(entry, booking))], booking.Version)
        {
            Office = booking.Office,
            FundingStream = booking.FundingStream,
            TenantId = tenancy.TenantIdOf(session.TenantId),
        };
    }
}

/// <summary><c>GET /bookings/{id}</c>: one booking, to whoever may see it (<see cref="BookingEndpoints.CanSee"/>; 404 to anyone else).</summary>
internal static class GettingBooking
{
    public static RouteHandlerBuilder MapGetBooking(this RouteGroupBuilder bookings) =>
        bookings.MapGet("/{id:guid}", HandleAsync)
            .WithName("GetBooking")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static async Task<Results<Ok<BookingView>, NotFoundProblem>> HandleAsync(Guid id, IQuerySession session, Tenancy tenancy, HttpContext http,
        CancellationToken cancellationToken)
    {
        var booking = await session.LoadAsync<Booking>(id, cancellationToken);
        if (booking is null || !BookingEndpoints.CanSee(http.User, booking, await BookingEndpoints.OwnMediatorsAsync(session, http.User, cancellationToken)))
        {
            return StreamWrites.NotFound("No such booking.");
        }

        http.Response.Headers.ETag = ETags.For(booking.Version);
        return TypedResults.Ok(BookingView.From(booking, session, tenancy));
    }
}
