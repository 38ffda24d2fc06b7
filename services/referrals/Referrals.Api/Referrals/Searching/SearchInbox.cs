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
            return TypedResults.Ok(await MergedPages.PageAsync(store, tenants.Select(tenancy.StorageIdOf), request,
                async tenant => ListingReferrals.Ordered((await filter.ResolveAsync(tenant, organisation, http.Now(), cancellationToken)).Apply(tenant, organisation), order),
                ListingReferrals.Comparison(order), (tenant, referrals) => ReferralView.ForAsync(tenant, http, referrals, cancellationToken), cancellationToken));
        }

        var query = (await filter.ResolveAsync(session, organisation, http.Now(), cancellationToken)).Apply(session, organisation);
        return await ListingReferrals.PageAsync(session, http, query, order, request, cancellationToken);
    }
}
