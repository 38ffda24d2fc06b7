using Integration.Eventing;

namespace Integration.Mediators.Clients.Reading;

/// <summary>That a client exists, as the API shows it: mediators keeps no name or date of birth.</summary>
internal sealed record ClientReferenceView(Guid Id, DateTimeOffset RegisteredAt, int Version, DateTimeOffset? ErasedAt, Guid? MergedInto)
{
    public static ClientReferenceView Of(ClientReference client) =>
        new(client.Id, client.RegisteredAt, client.Version, client.ErasedAt, client.MergedInto);
}

/// <summary><c>GET /clients/{id}</c>: one client mediators knows.</summary>
internal static class GettingClientReference
{
    public static RouteHandlerBuilder MapGetClientReference(this IEndpointRouteBuilder clients) =>
        clients.MapGetById<ClientReference, ClientReferenceView>("GetClientReference", ClientReferenceView.Of);
}
