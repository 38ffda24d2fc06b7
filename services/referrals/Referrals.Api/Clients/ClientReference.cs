using Integration.ServiceDefaults;
using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients.Listing;
using Integration.Referrals.Clients.Reading;
using JasperFx.Events.Projections;
using Marten;
using IntakeEvents = Integration.Intake.Contracts;

namespace Integration.Referrals.Clients;

/// <summary>
/// What referrals keeps of a client registered at intake: enough to address a referral to one of
/// the client's open needs and to show a partner what the client's consent allows. Intake stays the
/// system of record; this copy follows its integration events.
/// </summary>
public sealed record ClientReference(
    Guid Id,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    DateTimeOffset RegisteredAt,
    string? Office,
    ClientContact Contact,
    ClientLanguages Languages,
    string? LegalStatusCategory,
    DateOnly? LegalStatusValidUntil,
    IReadOnlyList<ClientNeed> Needs,
    int Version) : IStreamReadModel, IErasableReadModel
{
    /// <summary>Set once intake erased the client (<see cref="ClientErasure"/>): every personal field is then blank.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Set while intake has this record merged into another, which carries the case: nothing more is referred for it.</summary>
    public Guid? MergedInto { get; init; }

    /// <summary>The needs taken from each duplicate merged into this record, so that an unmerge gives them back.</summary>
    public IReadOnlyList<AbsorbedNeed> AbsorbedNeeds { get; init; } = [];

    /// <summary>When intake last merged or unmerged this record: a merge or unmerge message older than that has been overtaken and is ignored.</summary>
    public DateTimeOffset? MergeChangedAt { get; init; }

    public ClientReference Apply(Merging.ClientReferenceMergedInto e) => this with { MergedInto = e.SurvivorId, MergeChangedAt = e.At };

    public ClientReference Apply(Merging.ClientReferenceUnmerged e) => this with { MergedInto = null, MergeChangedAt = e.At };

    public ClientReference Apply(Merging.ClientNeedsAbsorbed e) => this with
    {
        Needs = [.. Needs, .. e.Needs],
        AbsorbedNeeds = [.. AbsorbedNeeds, .. e.Needs.Select(need => new AbsorbedNeed(e.DuplicateId, need.Id))],
    };

    public ClientReference Apply(Merging.ClientNeedsReturned e)
    {
        var returned = AbsorbedNeeds.Where(absorbed => absorbed.DuplicateId == e.DuplicateId).Select(absorbed => absorbed.NeedId).ToHashSet();
        return this with
        {
            Needs = [.. Needs.Where(need => !returned.Contains(need.Id))],
            AbsorbedNeeds = [.. AbsorbedNeeds.Where(absorbed => absorbed.DuplicateId != e.DuplicateId)],
        };
    }

    public static ClientReference Create(ClientReferenceRecorded e)
    {
        return new(e.ClientId, e.GivenName, e.FamilyName, e.DateOfBirth, e.RegisteredAt, e.Office, e.Contact, e.Languages,
            e.LegalStatusCategory, e.LegalStatusValidUntil, [], Version: 1);
    }

    public ClientReference Apply(ClientContactUpdated e) => this with { Contact = e.Contact };

    public ClientReference Apply(ClientLanguagesUpdated e) => this with { Languages = e.Languages };

    public ClientReference Apply(ClientLegalStatusUpdated e) =>
        this with { LegalStatusCategory = e.Category, LegalStatusValidUntil = e.ValidUntil };

    public ClientReference Apply(ClientNeedRecorded e) =>
        this with { Needs = [.. Needs, new ClientNeed(e.NeedId, e.Domain, e.Priority, e.Description, ClientNeed.Open)] };

    public ClientReference Apply(ClientNeedResolved e) =>
        this with { Needs = [.. Needs.Select(need => need.Id == e.NeedId ? need with { Status = ClientNeed.Resolved } : need)] };

    public ClientReference Apply(ClientIdentityUpdated e) =>
        this with { GivenName = e.GivenName, FamilyName = e.FamilyName, DateOfBirth = e.DateOfBirth };

    public ClientReference Apply(ClientOfficeChanged e) => this with { Office = e.Office };

    public ClientReference Apply(ClientReferenceErased e) => ClientErasure.Blank(this) with { ErasedAt = e!.ErasedAt };

    /// <summary>The erasure overtook the registration: a blank reference that a late registration no longer fills.</summary>
    public static ClientReference Create(ClientReferenceErased e)
    {
        return ClientErasure.Blank(new ClientReference(e.ClientId, "", "", default, e.ErasedAt, null, new ClientContact(null, null, null),
            new ClientLanguages([], null, false), null, null, [], Version: 1)) with { ErasedAt = e.ErasedAt };
    }

    public ClientNeed? FindNeed(Guid needId) => Needs.FirstOrDefault(need => need.Id == needId);
}

public sealed record ClientContact(string? Phone, string? Email, string? Municipality);

/// <summary>A need a survivor's reference took from a duplicate at a merge.</summary>
public sealed record AbsorbedNeed(Guid DuplicateId, Guid NeedId);

public sealed record ClientLanguages(IReadOnlyList<IntakeEvents.LanguageSkill> Spoken, string? Preferred, bool InterpreterRequired);

/// <summary>A need assessed at intake; <see cref="Domain"/> is the need domain (<c>housing</c>, …).</summary>
public sealed record ClientNeed(Guid Id, string Domain, string Priority, string Description, string Status)
{
    public const string Open = "open";
    public const string Resolved = "resolved";
}

// Events of referrals' client reference stream, one per intake integration event it follows.

public sealed record ClientReferenceRecorded(
    Guid ClientId, string GivenName, string FamilyName, DateOnly DateOfBirth, DateTimeOffset RegisteredAt, DateTimeOffset RecordedAt)
{
    public string? Office { get; init; }
    public ClientContact Contact { get; init; } = new(null, null, null);
    public ClientLanguages Languages { get; init; } = new([], null, false);
    public string? LegalStatusCategory { get; init; }
    public DateOnly? LegalStatusValidUntil { get; init; }

    /// <summary>Kept for the funders' report only (<see cref="Funding.Reporting.FundingReportProjection"/>); no view shows it.</summary>
    public string? Sex { get; init; }

    /// <summary>Kept for the funders' report only, the main nationality first; no view shows them.</summary>
    public IReadOnlyList<string> Nationalities { get; init; } = [];
}

public sealed record ClientContactUpdated(Guid ClientId, ClientContact Contact, DateTimeOffset ChangedAt);

public sealed record ClientLanguagesUpdated(Guid ClientId, ClientLanguages Languages, DateTimeOffset ChangedAt);

public sealed record ClientLegalStatusUpdated(Guid ClientId, string Category, DateOnly? ValidUntil, DateTimeOffset ChangedAt);

public sealed record ClientNeedRecorded(Guid ClientId, Guid NeedId, string Domain, string Priority, string Description, DateTimeOffset AddedAt);

public sealed record ClientNeedResolved(Guid ClientId, Guid NeedId, DateTimeOffset ResolvedAt);

public sealed record ClientIdentityUpdated(Guid ClientId, string GivenName, string FamilyName, DateOnly DateOfBirth, DateTimeOffset CorrectedAt)
{
    /// <summary>For the funders' report only; null when intake's message did not carry it.</summary>
    public string? Sex { get; init; }

    /// <summary>For the funders' report only; null when intake's message did not carry them.</summary>
    public IReadOnlyList<string>? Nationalities { get; init; }
}

/// <summary>The case was transferred at intake: the new office's case workers refer the client from now on.</summary>
public sealed record ClientOfficeChanged(Guid ClientId, string Office, DateTimeOffset ChangedAt);

internal static class ClientReferences
{
    public static void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<ClientReference>(SnapshotLifecycle.Inline);
    }

    /// <summary>The consumers that keep client references following intake (<c>Following/</c>, <c>Merging/</c>) and erasure.</summary>
    public static void AddConsumers(MassTransit.IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<Following.ClientRegisteredConsumer>();
        bus.AddConsumer<Following.ClientContactChangedConsumer>();
        bus.AddConsumer<Following.ClientLanguagesChangedConsumer>();
        bus.AddConsumer<Following.ClientLegalStatusChangedConsumer>();
        bus.AddConsumer<Following.NeedAddedConsumer>();
        bus.AddConsumer<Following.NeedResolvedConsumer>();
        bus.AddConsumer<Following.ClientIdentityCorrectedConsumer>();
        bus.AddConsumer<Following.ClientTransferredConsumer>();
        bus.AddConsumer<ClientErasedConsumer>();
        bus.AddConsumer<Merging.ClientsMergedConsumer>();
        bus.AddConsumer<Merging.ClientsUnmergedConsumer>();
    }

    /// <summary>Client references are personal data: only case workers (of the client's office) and coordinators read them directly.</summary>
    public static IEndpointRouteBuilder MapClientReferences(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/clients").WithTags("Client references").RequireAuthorization(ReferralsRoles.CaseWorkOrCoordination)
            .RecordsClientDataReads();
        clients.MapGetClientReference();
        clients.MapListClientReferences();
        return endpoints;
    }
}
