using Integration.Eventing;
using Integration.Mediators.Clients.Listing;
using Integration.Mediators.Clients.Reading;
using JasperFx.Events.Projections;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Mediators.Clients;

/// <summary>
/// What mediators keeps of a client registered at intake: only that the client exists, so a
/// booking can name them. Mediators never needs a client's name or date of birth.
/// </summary>
public sealed record ClientReference(
    Guid Id, DateTimeOffset RegisteredAt, int Version)
    : IStreamReadModel, IErasableReadModel
{
    /// <summary>Set once intake erased the client (<see cref="ClientErasure"/>).</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>The client's office at intake: the office whose staff work with the client's bookings.</summary>
    public string? Office { get; init; }

    public static ClientReference Create(ClientReferenceRecorded recorded)
    {
        return new(recorded.ClientId, recorded.RegisteredAt, Version: 1) { Office = recorded.Office };
    }

    public ClientReference Apply(ClientReferenceOfficeChanged changed) => this with { Office = changed.Office };

    /// <summary>The erasure overtook the registration: a reference that a late registration no longer creates.</summary>
    public static ClientReference Create(ClientReferenceErased erased)
    {
        return new(erased.ClientId, erased.ErasedAt, Version: 1) { ErasedAt = erased.ErasedAt };
    }

    public ClientReference Apply(ClientReferenceErased erased) => this with { ErasedAt = erased!.ErasedAt };

    /// <summary>The record this one was merged into at intake, while the merge stands.</summary>
    public Guid? MergedInto { get; init; }

    /// <summary>When intake last merged or unmerged this record: a merge or unmerge older than that arrived late and changes nothing.</summary>
    public DateTimeOffset? MergeChangedAt { get; init; }

    public ClientReference Apply(Merging.ClientReferenceMergedInto merged) => this with { MergedInto = merged!.SurvivorId, MergeChangedAt = merged.MergedAt };

    public ClientReference Apply(Merging.ClientReferenceUnmerged unmerged) => this with { MergedInto = null, MergeChangedAt = unmerged!.UnmergedAt };
}

public sealed record ClientReferenceRecorded(Guid ClientId, DateTimeOffset RegisteredAt, DateTimeOffset RecordedAt)
{
    /// <summary>The office the client was registered at; absent on references recorded before it was kept.</summary>
    public string? Office { get; init; }
}

/// <summary>Intake transferred the client to another office.</summary>
public sealed record ClientReferenceOfficeChanged(Guid ClientId, string Office, DateTimeOffset ChangedAt);

internal sealed class ClientRegisteredConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<IntakeEvents.ClientRegistered>(store, clock)
{
    private readonly TimeProvider clock = clock;

    /// <summary>A registration that arrives after the client's erasure (queues do not keep order between types) is dropped.</summary>
    protected override async Task ApplyAsync(IntakeEvents.ClientRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.Events.FetchStreamStateAsync(message.ClientId, cancellationToken) is not null)
        {
            return;
        }

        session.Events.StartStream<ClientReference>(message.ClientId, new ClientReferenceRecorded(
            message.ClientId, message.RegisteredAt, clock.GetUtcNow()) { Office = message.Office });
    }
}

internal static class ClientReferences
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<ClientReference>(SnapshotLifecycle.Inline);
    }

    public static IEndpointRouteBuilder MapClientReferences(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/clients").WithTags("Client references").RequireAuthorization(MediatorsRoles.ReadClients);
        clients.MapGetClientReference();
        clients.MapListClientReferences();
        return endpoints;
    }
}
