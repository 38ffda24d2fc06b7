using Integration.Eventing;
using JasperFx.Events.Projections;
using Marten;
using Contracts = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients;

/// <summary>
/// What mediators keeps of a client registered at intake: only that the client exists, so a
/// booking can name them. Mediators never needs a client's name or date of birth.
/// </summary>
public sealed record ClientReference(
    Guid Id, DateTimeOffset RegisteredAt, int Version)
    : IStreamReadModel
{
    public static ClientReference Create(ClientReferenceRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(recorded.ClientId, recorded.RegisteredAt, Version: 1);
    }
}

public sealed record ClientReferenceRecorded(Guid ClientId, DateTimeOffset RegisteredAt, DateTimeOffset RecordedAt);

public sealed class ClientRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<Contracts.ClientRegistered>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(Contracts.ClientRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        session.Events.StartStream<ClientReference>(message.ClientId, new ClientReferenceRecorded(
            message.ClientId, message.RegisteredAt, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}

public static class ClientReferences
{
    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Snapshot<ClientReference>(SnapshotLifecycle.Inline);
    }

    public static IEndpointRouteBuilder MapClientReferences(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/clients").WithTags("Client references").RequireAuthorization(MediatorsRoles.ReadClients);
        clients.MapGetById<ClientReference>("GetClientReference");
        clients.MapList<ClientReference>("ListClientReferences",
            query => query.OrderBy(client => client.RegisteredAt).ThenBy(client => client.Id));
        return endpoints;
    }
}
