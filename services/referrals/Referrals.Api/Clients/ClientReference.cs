using Integration.Eventing;
using JasperFx.Events.Projections;
using Marten;
using Contracts = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients;

/// <summary>
/// What referrals keeps of a client registered at intake: enough to address a referral and to
/// show a partner (subject to consent). Intake stays the system of record.
/// </summary>
public sealed record ClientReference(
    Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, DateTimeOffset RegisteredAt, int Version)
    : IStreamReadModel
{
    public static ClientReference Create(ClientReferenceRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(recorded.ClientId, recorded.GivenName, recorded.FamilyName, recorded.DateOfBirth, recorded.RegisteredAt, Version: 1);
    }
}

public sealed record ClientReferenceRecorded(
    Guid ClientId, string GivenName, string FamilyName, DateOnly DateOfBirth, DateTimeOffset RegisteredAt, DateTimeOffset RecordedAt);

public sealed class ClientRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<Contracts.ClientRegistered>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override Task ApplyAsync(Contracts.ClientRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        session.Events.StartStream<ClientReference>(message.ClientId, new ClientReferenceRecorded(
            message.ClientId, message.GivenName, message.FamilyName, message.DateOfBirth, message.RegisteredAt, clock.GetUtcNow()));
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
        var clients = endpoints.MapGroup("/clients").WithTags("Client references");
        clients.MapGetById<ClientReference>("GetClientReference");
        clients.MapList<ClientReference>("ListClientReferences",
            query => query.OrderBy(client => client.RegisteredAt).ThenBy(client => client.Id));
        return endpoints;
    }
}
