using Integration.Eventing;
using Integration.Mediators.Clients.Reading;

namespace Integration.Mediators.Clients.Listing;

/// <summary><c>GET /clients</c>: the clients mediators knows, oldest registration first.</summary>
internal static class ListingClientReferences
{
    public static RouteHandlerBuilder MapListClientReferences(this IEndpointRouteBuilder clients) =>
        clients.MapList<ClientReference, ClientReferenceView>("ListClientReferences",
            query => query.OrderBy(client => client.RegisteredAt).ThenBy(client => client.Id), ClientReferenceView.Of);
}
