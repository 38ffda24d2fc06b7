using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Referrals.Listing;
using Integration.Referrals.Referrals.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Searching;

/// <summary>
/// <c>GET /inbox?status=&amp;stage=&amp;urgency=&amp;overdue=&amp;serviceId=&amp;q=&amp;sort=</c>: the partner's referrals. <c>stage</c>
/// groups the statuses as a work queue: <c>new</c> (sent), <c>in_progress</c> (accepted, in contact),
/// <c>waiting</c> (waiting list), <c>closed</c> (everything answered for good). Staff of an organisation serving several tenants read
/// one inbox of all of them, each referral labelled with its tenant and shown as that tenant's consents allow; <c>?tenant=</c> reads
/// one of them.
/// </summary>
internal static class SearchingInbox
{
    public static RouteHandlerBuilder MapSearchInbox(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/inbox", HandleAsync)
            .RecordsClientDataReads()
            .WithName("Inbox")
            .WithTags("Referrals")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static async Task<Results<Ok<ListPage<ReferralView>>, ValidationProblem>> HandleAsync(string? status, string? stage, string? urgency, bool? overdue, string? serviceId, string? q,
        string? sort, int? page, int? pageSize, IQuerySession session, IDocumentStore store, Tenancy tenancy, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var filter = InboxFilter.Parse(status, stage, urgency, overdue, serviceId, q, errors);
        var order = QueryParameters.Vocabulary<ReferralOrder>("sort", sort, errors) ?? ReferralOrder.Newest;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var organisation = http.User.Organisation() ?? Guid.Empty;
        if (Tenancy.AllOfRequest(http) is { } tenants)
        {
            return TypedResults.Ok(await PageAcrossAsync(tenants.Select(tenancy.StorageIdOf), store, filter, organisation, order, request, http,
                cancellationToken));
        }

        var query = (await filter.ResolveAsync(session, organisation, http.Now(), cancellationToken)).Apply(session, organisation);
        return await ListingReferrals.PageAsync(session, http, query, order, request, cancellationToken);
    }

    /// <summary>
    /// One page of the inbox of several tenants: each tenant's first <c>page × pageSize</c> referrals in the order asked for, merged in
    /// that order, and the page cut from them; the total is the tenants' totals added. A page costs every tenant the rows up to it.
    /// </summary>
    private static async Task<ListPage<ReferralView>> PageAcrossAsync(IEnumerable<string> tenants, IDocumentStore store, InboxFilter filter,
        Guid organisation, ReferralOrder order, PageRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var sessions = new List<IQuerySession>();
        try
        {
            var found = new List<(IQuerySession Session, Referral Referral)>();
            long total = 0;
            foreach (var tenant in tenants)
            {
                var session = store.QuerySession(tenant);
                sessions.Add(session);
                var query = (await filter.ResolveAsync(session, organisation, http.Now(), cancellationToken)).Apply(session, organisation);
                total += await query.LongCountAsync(cancellationToken);
                var first = await ListingReferrals.Ordered(query, order).Take(request.Skip + request.PageSize).ToListAsync(cancellationToken);
                found.AddRange(first.Select(referral => (session, referral)));
            }

            var comparison = ListingReferrals.Comparison(order);
            found.Sort((left, right) => comparison(left.Referral, right.Referral));
            var items = found.Skip(request.Skip).Take(request.PageSize).ToList();
            var views = new Dictionary<Guid, ReferralView>();
            foreach (var tenant in items.GroupBy(item => item.Session))
            {
                foreach (var view in await ReferralView.ForAsync(tenant.Key, http, [.. tenant.Select(item => item.Referral)], cancellationToken))
                {
                    views[view.Id] = view;
                }
            }

            return new ListPage<ReferralView>([.. items.Select(item => views[item.Referral.Id])], request.Page, request.PageSize, total);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }
}
