using Integration.Eventing;
using Integration.Mediators.Bookings;
using Integration.Mediators.Bookings.Reading;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Mediators.Clients;

/// <summary>Everything mediators holds about one person, for a subject access export: that they exist, and their bookings.</summary>
internal sealed record ClientExport(Guid ClientId, ClientReference? Client, IReadOnlyList<BookingView> Bookings);

internal static class ClientExports
{
    /// <summary><c>GET /clients/{id}/export</c>, called by intake's export with the coordinator's token; unknown clients have empty sections.</summary>
    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/clients/{clientId:guid}/export", async (Guid clientId, IQuerySession session, Tenancy tenancy, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ClientExport(clientId,
                    await session.LoadAsync<ClientReference>(clientId, cancellationToken),
                    [.. (await session.Query<Booking>().Where(booking => booking.ClientId == clientId).OrderBy(booking => booking.Start)
                        .ToListAsync(cancellationToken)).Select(booking => BookingView.From(booking, session, tenancy))])))
            .WithName("ExportClient")
            .WithTags("Client references")
            .RequireAuthorization(AccessPolicies.ExportClientData);
        return endpoints;
    }
}
