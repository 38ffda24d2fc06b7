using Integration.Eventing;

namespace Integration.Referrals.Funding.Listing;

/// <summary><c>GET /funding-streams</c>: the funding streams by code, a page at a time.</summary>
internal static class ListingFundingStreams
{
    public static RouteHandlerBuilder MapListFundingStreams(this IEndpointRouteBuilder streams) =>
        streams.MapList<FundingStream, FundingStreamView>("ListFundingStreams",
                query => query.OrderBy(stream => stream.Code).ThenBy(stream => stream.Id), FundingStreamView.Of)
            .RequireAuthorization(ReferralsRoles.Coordination);
}
