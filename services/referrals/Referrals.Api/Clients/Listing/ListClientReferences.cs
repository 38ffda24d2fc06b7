using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Clients.Reading;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Clients.Listing;

/// <summary><c>GET /clients</c>: the clients referrals knows, oldest registration first; case workers see their own office's (<see cref="OfficeAccess"/>), coordinators all.</summary>
internal static class ListingClientReferences
{
    public static RouteHandlerBuilder MapListClientReferences(this IEndpointRouteBuilder clients) =>
        clients.MapList<ClientReference, ClientReferenceView>("ListClientReferences",
            query => query.OrderBy(client => client.RegisteredAt).ThenBy(client => client.Id), ClientReferenceView.Of, OfOwnOffice);

    private static IQueryable<ClientReference> OfOwnOffice(IQueryable<ClientReference> clients, ClaimsPrincipal user)
    {
        if (user.SeesAllOffices())
        {
            return clients;
        }

        var office = user.Office() ?? "";
        return clients.Where(client => client.Office == office);
    }
}
