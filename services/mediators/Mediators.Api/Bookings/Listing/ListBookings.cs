using Integration.Eventing;
using Integration.Mediators.Bookings.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Mediators.Bookings.Listing;

/// <summary>
/// <c>GET /bookings?mediatorId=&amp;clientId=&amp;referralId=&amp;from=&amp;to=&amp;status=</c>: bookings by start, those the caller
/// may see (<see cref="BookingEndpoints.CanSee"/>): coordinators every one, front desks and case workers their office's, partners their
/// organisation's, mediators their own. A mediator (or partner staff) whose token names several tenants reads every tenant's as one
/// list, each booking labelled with its tenant, unless <c>?tenant=</c> names one: a mediator shared by several tenants keeps one
/// calendar, and sees it whole.
/// </summary>
internal static class ListingBookings
{
    public static RouteHandlerBuilder MapListBookings(this RouteGroupBuilder bookings) =>
        bookings.MapGet("/", HandleAsync)
            .WithName("ListBookings")
            .RequireAuthorization(MediatorsRoles.ReadBookings);

    private static async Task<Results<Ok<ListPage<BookingView>>, ValidationProblem>> HandleAsync(Guid? mediatorId, Guid? clientId, Guid? referralId, DateTimeOffset? from, DateTimeOffset? to,
        string? status, int? page, int? pageSize, IQuerySession session, IDocumentStore store, Tenancy tenancy, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wanted = QueryParameters.Vocabulary<BookingStatus>("status", status, errors);

        if (from is { } since && to is { } until && until < since)
        {
            errors.Add("to", "Not before from.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        async Task<IQueryable<Booking>> OrderedAsync(IQuerySession tenant)
        {
            var query = await BookingEndpoints.VisibleAsync(tenant, http.User, cancellationToken);

            if (mediatorId is { } mediator)
            {
                query = query.Where(booking => booking.MediatorId == mediator);
            }

            if (clientId is { } client)
            {
                query = query.Where(booking => booking.ClientId == client);
            }

            if (referralId is { } referral)
            {
                query = query.Where(booking => booking.ReferralId == referral);
            }

            // A window given in an office's offset (+01:00) is the same instant in UTC, which is how starts are stored and compared.
            if (from?.ToUniversalTime() is { } after)
            {
                query = query.Where(booking => booking.Start >= after);
            }

            if (to?.ToUniversalTime() is { } before)
            {
                query = query.Where(booking => booking.Start < before);
            }

            if (wanted is { } s)
            {
                query = query.Where(booking => booking.Status == s);
            }

            return query.OrderBy(booking => booking.Start).ThenBy(booking => booking.Id);
        }

        if (Tenancy.AllOfRequest(http) is { } tenants)
        {
            return TypedResults.Ok(await MergedPages.PageAsync(store, tenants.Select(tenancy.StorageIdOf), request, OrderedAsync,
                (left, right) => left.Start != right.Start ? left.Start.CompareTo(right.Start) : MergedPages.CompareIds(left.Id, right.Id),
                (tenant, bookings) => Task.FromResult<IReadOnlyList<BookingView>>([.. bookings.Select(booking => BookingView.From(booking, tenant, tenancy))]),
                cancellationToken));
        }

        var found = await (await OrderedAsync(session)).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<BookingView>([.. found.Items.Select(booking => BookingView.From(booking, session, tenancy))], found.Page,
            found.PageSize, found.Total));
    }
}
