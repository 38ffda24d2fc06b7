using Integration.Eventing;
using Integration.Intake.Clients.Registering;
using Marten;

namespace Integration.Intake.Clients;

/// <summary>A registered client as intake knows them; folded from the client's event stream.</summary>
public sealed record Client(
    Guid Id,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    int Version) : IStreamReadModel
{
    public static Client Create(ClientRegistered registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        return new(registered.ClientId, registered.GivenName, registered.FamilyName, registered.DateOfBirth,
            registered.RegisteredBy, registered.RegisteredAt, Version: 1);
    }
}

public sealed record ClientRegistered(
    Guid ClientId,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

public static class ClientStore
{
    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Snapshot<Client>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
    }
}

public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClients(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/clients").WithTags("Clients");
        clients.MapRegisterClient();
        clients.MapGetById<Client>("GetClient");
        return endpoints;
    }
}
