using Integration.Eventing;
using Integration.Referrals.Referrals.Reading;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Listing;

/// <summary>Orders of referral lists (<c>?sort=</c>): newest first (the default), oldest first, or by answer due first.</summary>
public enum ReferralOrder { Newest, Oldest, Due }

/// <summary><c>GET /referrals?clientId=&amp;status=&amp;sort=</c>: a client's referrals, those of the caller's office unless the caller sees every office.</summary>
internal static class ListingReferrals
{
    public static RouteHandlerBuilder MapListReferrals(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/", HandleAsync)
            .WithName("ListReferrals")
            .RequireAuthorization(ReferralsRoles.CaseWorkOrCoordination);

    /// <summary>One page of referrals in the order asked for, each as its reader may see it.</summary>
    public static async Task<Results<Ok<ListPage<ReferralView>>, ValidationProblem>> PageAsync(IQuerySession session, HttpContext http, IQueryable<Referral> query, ReferralOrder order,
        PageRequest request, CancellationToken cancellationToken)
    {
        var found = await Ordered(query, order).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<ReferralView>(await ReferralView.ForAsync(session, http, found.Items, cancellationToken), found.Page,
            found.PageSize, found.Total));
    }

    /// <summary>Referrals in the order asked for, ties broken by id.</summary>
    public static IQueryable<Referral> Ordered(IQueryable<Referral> query, ReferralOrder order) => (order switch
    {
        ReferralOrder.Oldest => query.OrderBy(referral => referral.CreatedAt),
        ReferralOrder.Due => query.OrderBy(referral => referral.ResponseDueAt),
        _ => query.OrderByDescending(referral => referral.CreatedAt),
    }).ThenBy(referral => referral.Id);

    /// <summary>
    /// The same order in memory, for lists read from several tenants and merged: ids compare as PostgreSQL compares uuids (byte by
    /// byte), so each tenant's rows keep the order the database gave them.
    /// </summary>
    public static Comparison<Referral> Comparison(ReferralOrder order) => (left, right) =>
    {
        var first = order switch
        {
            ReferralOrder.Oldest => left.CreatedAt.CompareTo(right.CreatedAt),
            ReferralOrder.Due => left.ResponseDueAt.CompareTo(right.ResponseDueAt),
            _ => right.CreatedAt.CompareTo(left.CreatedAt),
        };
        return first != 0 ? first : MergedPages.CompareIds(left.Id, right.Id);
    };

    private static async Task<Results<Ok<ListPage<ReferralView>>, ValidationProblem>> HandleAsync(Guid? clientId, string? status, string? sort, int? page, int? pageSize, IQuerySession session,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wanted = QueryParameters.Vocabulary<ReferralStatus>("status", status, errors);
        var order = QueryParameters.Vocabulary<ReferralOrder>("sort", sort, errors) ?? ReferralOrder.Newest;
        if (clientId is null)
        {
            errors.Required("clientId", "This field is required: the client whose referrals to list.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = session.Query<Referral>().Where(referral => referral.ClientId == clientId);
        if (!http.User.SeesAllOffices())
        {
            var office = http.User.Office() ?? "";
            query = query.Where(referral => referral.Office == office);
        }

        return await PageAsync(session, http, wanted is { } s ? query.Where(referral => referral.Status == s) : query, order, request,
            cancellationToken);
    }
}
