using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.Intake.Plans;
using JasperFx.Events;
using Integration.ServiceDefaults;
using Marten;
using Contracts = Integration.Intake.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Erasing;

/// <summary>A client's erasure: who ordered it, when, and which services have confirmed masking their copies.</summary>
public sealed record Erasure(
    string ErasedBy, DateTimeOffset ErasedAt, IReadOnlyList<string> AwaitedServices, IReadOnlyList<ErasureConfirmation> Confirmations)
{
    public DateTimeOffset? ConfirmedAt(string service) =>
        Confirmations.FirstOrDefault(confirmation => confirmation.Service == service)?.ConfirmedAt;

    public bool IsComplete => AwaitedServices.All(service => ConfirmedAt(service) is not null);
}

public sealed record ErasureConfirmation(string Service, DateTimeOffset ConfirmedAt);

/// <summary>
/// <c>GET/POST /clients/{id}/erasure</c>: <c>status</c> is <c>pending</c> until every service has
/// confirmed, then <c>complete</c>; <c>services</c> lists intake (erased in the request itself) and
/// every awaited service with its confirmation time or null.
/// </summary>
public sealed record ErasureStatus(Guid ClientId, string Status, string ErasedBy, DateTimeOffset ErasedAt, IReadOnlyList<ServiceErasure> Services);

public sealed record ServiceErasure(string Service, DateTimeOffset? ConfirmedAt);

/// <summary>
/// GDPR erasure (art. 17), ordered by a coordinator. In one transaction: every event of the
/// client's stream that carries personal data is overwritten with its masked copy
/// (<see cref="Masking"/>), <see cref="ClientErased"/> is appended (which blanks the snapshot,
/// removes the client from the search and duplicate index and drops pending consent deadlines),
/// and the idempotency records of the client's creates go. The relay then tells the other services
/// (<see cref="Contracts.ClientErased"/>); each masks its own copies and confirms. The client stays
/// countable: ids, office, dates, needs' domains and outcomes, consents' purposes and the case
/// file's status remain, so reports in every service keep their totals.
/// </summary>
internal static class ClientErasure
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    private static readonly string[] DefaultAwaitedServices = ["referrals", "mediators"];

    public static readonly PersonalDataMasking Masking = new PersonalDataMasking()
        .Mask<ClientRegistered>(e => e with
        {
            GivenName = PersonalDataMasking.Erased,
            FamilyName = PersonalDataMasking.Erased,
            OtherNames = [],
            DateOfBirth = DateOnly.MinValue,
            DateOfBirthIsApproximate = false,
            Sex = Sex.Unknown,
            Nationalities = [],
            Languages = [],
            PreferredLanguage = null,
            Phone = null,
            Email = null,
            Address = null,
            LegalStatus = e.LegalStatus is { } status ? WithoutDocument(status) : null,
            Vulnerabilities = [],
            DuplicateOverride = e.DuplicateOverride is { } duplicateOverride ? duplicateOverride with { Reason = PersonalDataMasking.Erased } : null,
        })
        .Mask<ContactChanged>(e => e with { Phone = null, Email = null, Address = null })
        .Mask<LanguagesChanged>(e => e with { Languages = [], PreferredLanguage = null })
        .Mask<LegalStatusChanged>(e => e with { LegalStatus = WithoutDocument(e.LegalStatus) })
        .Mask<ConsentGiven>(e => e with { Evidence = PersonalDataMasking.Text(e.Evidence) })
        .Mask<ConsentWithdrawn>(e => e with { Reason = PersonalDataMasking.Text(e.Reason) })
        .Mask<NeedAdded>(e => e with { Description = PersonalDataMasking.Erased })
        .Mask<NeedResolved>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<CaseClosed>(e => e with { Note = PersonalDataMasking.Text(e.Note) })
        .Mask<CaseReopened>(e => e with { Reason = PersonalDataMasking.Erased })
        .Mask<IdentityCorrected>(e => e with
        {
            GivenName = PersonalDataMasking.Erased,
            FamilyName = PersonalDataMasking.Erased,
            OtherNames = [],
            DateOfBirth = DateOnly.MinValue,
            DateOfBirthIsApproximate = false,
            Sex = Sex.Unknown,
            Nationalities = [],
            Reason = PersonalDataMasking.Erased,
        })
        .Mask<VulnerabilitiesCorrected>(e => e with { Vulnerabilities = [], Reason = PersonalDataMasking.Erased })
        .Mask<CaseWorkerAssigned>(e => e with { Reason = PersonalDataMasking.Text(e.Reason) })
        .Mask<CaseTransferred>(e => e with { Reason = PersonalDataMasking.Erased })
        .Mask<Notes.CaseNoteAdded>(e => e with { Text = PersonalDataMasking.Erased })
        .Mask<ClientAbsorbed>(e => e with
        {
            OtherNames = [],
            Needs = [.. e.Needs.Select(Masked)],
            Consents = [.. e.Consents.Select(Masked)],
            LegalStatusHistory = [.. e.LegalStatusHistory.Select(Masked)],
            Identity = Masked(e.Identity),
            Reason = PersonalDataMasking.Erased,
        })
        .Mask<ClientMerged>(e => e with { Reason = PersonalDataMasking.Erased })
        .Mask<ClientUnmerged>(e => e with
        {
            Needs = [.. e.Needs.Select(Masked)],
            Consents = [.. e.Consents.Select(Masked)],
            Reason = PersonalDataMasking.Erased,
        })
        .Mask<ClientSplitOff>(e => e with { Identity = Masked(e.Identity), Reason = PersonalDataMasking.Erased })
        .Mask<Duplicates.DuplicatePairDismissed>(e => e with { Reason = PersonalDataMasking.Erased })
        .AddPlanRules();

    /// <summary>The snapshot after erasure: the same masking as the events, applied to the folded state.</summary>
    public static Client Blank(Client client)
    {
        return client with
        {
            GivenName = PersonalDataMasking.Erased,
            FamilyName = PersonalDataMasking.Erased,
            OtherNames = [],
            DateOfBirth = DateOnly.MinValue,
            DateOfBirthIsApproximate = false,
            Sex = Sex.Unknown,
            Nationalities = [],
            Languages = [],
            PreferredLanguage = null,
            Phone = null,
            Email = null,
            Address = null,
            LegalStatus = client.LegalStatus is { } status ? WithoutDocument(status) : null,
            LegalStatusHistory = [.. client.LegalStatusHistory.Select(Masked)],
            Vulnerabilities = [],
            Consents = [.. client.Consents.Select(Masked)],
            Needs = [.. client.Needs.Select(Masked)],
            Absorptions = [.. client.Absorptions.Select(absorption => absorption with
            {
                OtherNames = [],
                LegalStatusHistory = [.. absorption.LegalStatusHistory.Select(Masked)],
            })],
            Case = client.Case with
            {
                ClosingNote = PersonalDataMasking.Text(client.Case.ClosingNote),
                ReopenReason = PersonalDataMasking.Text(client.Case.ReopenReason),
            },
        };
    }

    /// <summary>The category stays (it is counted); the document number and its validity identify the person.</summary>
    private static LegalStatusDetails WithoutDocument(LegalStatusDetails status) => status with { DocumentNumber = null, ValidUntil = null };

    private static LegalStatusEntry Masked(LegalStatusEntry entry) => entry with { LegalStatus = WithoutDocument(entry.LegalStatus) };

    private static Consent Masked(Consent consent) => consent with
    {
        Evidence = PersonalDataMasking.Text(consent.Evidence),
        WithdrawalReason = PersonalDataMasking.Text(consent.WithdrawalReason),
    };

    private static Need Masked(Need need) => need with { Description = PersonalDataMasking.Erased, OutcomeNote = PersonalDataMasking.Text(need.OutcomeNote) };

    /// <summary>What a merge recorded of who the survivor became: nothing that identifies them once erased.</summary>
    private static MergedIdentity Masked(MergedIdentity identity) => identity with
    {
        GivenName = PersonalDataMasking.Erased,
        FamilyName = PersonalDataMasking.Erased,
        OtherNames = [],
        DateOfBirth = DateOnly.MinValue,
        DateOfBirthIsApproximate = false,
        Sex = Sex.Unknown,
        Nationalities = [],
    };

    /// <summary>410 <c>client_erased</c>: what reads and writes of an erased client answer.</summary>
    public static GoneProblem Gone(Erasure erasure) =>
        new($"This client's personal data was erased on {erasure.ErasedAt:yyyy-MM-dd}; nothing can be read or changed.");

    public static ErasureStatus StatusOf(Client client)
    {
        var erasure = client.Erasure ?? throw new InvalidOperationException("The client is not erased.");
        return new ErasureStatus(client.Id, erasure.IsComplete ? Complete : Pending, erasure.ErasedBy, erasure.ErasedAt,
            [new ServiceErasure(IntakeService.Name, erasure.ErasedAt),
                .. erasure.AwaitedServices.Select(service => new ServiceErasure(service, erasure.ConfirmedAt(service)))]);
    }

    public static IEndpointRouteBuilder MapErasure(this IEndpointRouteBuilder clients)
    {
        clients.MapPost("/{clientId:guid}/erasure", EraseAsync)
            .WithName("EraseClient")
            .RequireAuthorization(IntakeRoles.Erase);

        clients.MapGet("/{clientId:guid}/erasure", async Task<Results<Ok<ErasureStatus>, NotFoundProblem>> (Guid clientId, IQuerySession session, CancellationToken cancellationToken) =>
                await session.LoadAsync<Client>(clientId, cancellationToken) switch
                {
                    null => OfficeScope.NotFound(),
                    { Erasure: null } => StreamWrites.NotFound("This client has not been erased."),
                    var client => TypedResults.Ok(StatusOf(client)),
                })
            .WithName("GetErasure")
            .RequireAuthorization(IntakeRoles.Erase);
        return clients;
    }

    /// <summary>
    /// What else of the case holds the person's words, staged in the erasure's transaction: each plan
    /// (masked, then blanked by <see cref="PlanErased"/>), each case note (masked; the notes list goes
    /// with <see cref="ClientErased"/>, as do the timeline's entries), and the household, which the person leaves.
    /// </summary>
    private static async Task EraseCaseRecordsAsync(IDocumentSession session, IEventStream<Client> stream, ClientErased erased,
        CancellationToken cancellationToken)
    {
        var client = stream.Aggregate!;
        var plans = await session.Query<Plan>().Where(plan => plan.ClientId == client.Id).Select(plan => plan.Id).ToListAsync(cancellationToken);
        foreach (var planId in plans)
        {
            await Masking.MaskAndRecordAsync<Plan>(session, planId, new PlanErased(planId, client.Id, erased.ErasedAt), cancellationToken);
        }

        var notes = await session.Query<Notes.CaseNote>().Where(note => note.ClientId == client.Id).Select(note => note.Id).ToListAsync(cancellationToken);
        foreach (var noteId in notes)
        {
            await Masking.MaskStreamAsync(session, noteId, cancellationToken);
        }

        await MaskWhatOthersTookAsync(session, client.Id, cancellationToken);

        // Why staff decided the person's records were not the same (twins, a sister) is free text about the person.
        var pairs = await session.Query<Duplicates.DuplicatePair>().Where(pair => pair.ClientIds.Contains(client.Id)).Select(pair => pair.Id)
            .ToListAsync(cancellationToken);
        foreach (var pairId in pairs)
        {
            await Masking.MaskStreamAsync(session, pairId, cancellationToken);
        }

        if (client.HouseholdId is { } householdId)
        {
            // Appended at the household's version, so its snapshot keeps the version its ETag gives (an append without one leaves it 0).
            var household = await session.Events.FetchForWriting<Households.Household>(householdId, cancellationToken);
            household.AppendOne(new Households.HouseholdMemberRemoved(householdId, client.Id, erased.ErasedBy, erased.ErasedAt));
            stream.AppendOne(new HouseholdLeft(client.Id, householdId, erased.ErasedBy, erased.ErasedAt));
        }
    }

    /// <summary>
    /// A record once merged into another and split off again left in the other's stream a copy of what that one took
    /// from it (its names, needs, consents and legal status) and the reasons staff typed: those are masked there and on
    /// the other record's timeline, and the other record's own data stays.
    /// </summary>
    private static async Task MaskWhatOthersTookAsync(IDocumentSession session, Guid clientId, CancellationToken cancellationToken)
    {
        var survivors = await session.Events.QueryRawEventDataOnly<ClientAbsorbed>().Where(absorbed => absorbed.DuplicateId == clientId)
            .Select(absorbed => absorbed.ClientId).ToListAsync(cancellationToken);
        foreach (var survivorId in survivors.Distinct())
        {
            foreach (var stored in await session.Events.FetchStreamAsync(survivorId, token: cancellationToken))
            {
                switch (stored)
                {
                    case Event<ClientAbsorbed> absorbed when absorbed.Data.DuplicateId == clientId:
                        absorbed.Data = absorbed.Data with
                        {
                            OtherNames = [],
                            Needs = [.. absorbed.Data.Needs.Select(Masked)],
                            Consents = [.. absorbed.Data.Consents.Select(Masked)],
                            LegalStatusHistory = [.. absorbed.Data.LegalStatusHistory.Select(Masked)],
                            Identity = absorbed.Data.Identity with
                            {
                                OtherNames = [.. absorbed.Data.Identity.OtherNames.Where(name => !absorbed.Data.OtherNames.Contains(name))],
                            },
                            Reason = PersonalDataMasking.Erased,
                        };
                        break;
                    case Event<ClientSplitOff> split when split.Data.DuplicateId == clientId:
                        split.Data = split.Data with { Reason = PersonalDataMasking.Erased };
                        break;
                    default:
                        continue;
                }

                session.Events.OverwriteEvent(stored);
                if (Timeline.TimelineProjection.Describe(stored) is { } entry)
                {
                    session.Store(entry);
                }
            }
        }
    }

    /// <summary>202 with the pending status; a repeated request answers 200 with the status as it is now.</summary>
    private static async Task<Results<Accepted<ErasureStatus>, Ok<ErasureStatus>, NotFoundProblem, ConflictProblem>> EraseAsync(Guid clientId, IDocumentSession session, HttpContext http, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Client>(clientId, cancellationToken);
        if (stream.Aggregate is not { } client)
        {
            return OfficeScope.NotFound();
        }

        if (client.Erasure is not null)
        {
            return TypedResults.Ok(StatusOf(client));
        }

        if (client.MergedInto is { } survivor)
        {
            // The person's data lives on in the survivor, which took this record's names, needs and consents: erasing only this record would keep them.
            throw DomainRuleViolated.Conflict("client_merged", $"This record is merged into client {survivor}; erase that record, which erases this one too.",
                new Dictionary<string, object?> { ["mergedInto"] = survivor });
        }

        var awaited = configuration.GetSection("Erasure:ConfirmingServices").Get<string[]>() ?? DefaultAwaitedServices;
        var erased = new ClientErased(clientId, awaited, http.Actor(), http.Now());
        await Masking.MaskStreamAsync(session, clientId, cancellationToken);
        await EraseCaseRecordsAsync(session, stream, erased, cancellationToken);
        stream.AppendOne(erased);

        // The records merged into this one are the same person's: they go with it, each with its own erasure the other services confirm.
        var recordIds = await Reading.ClientRecords.CaseRecordIdsAsync(session, client, cancellationToken);
        foreach (var absorbedId in recordIds.Where(id => id != clientId))
        {
            var absorbed = await session.Events.FetchForWriting<Client>(absorbedId, cancellationToken);
            if (absorbed.Aggregate is { Erasure: null })
            {
                var absorbedErased = erased with { ClientId = absorbedId };
                await Masking.MaskStreamAsync(session, absorbedId, cancellationToken);
                await EraseCaseRecordsAsync(session, absorbed, absorbedErased, cancellationToken);
                absorbed.AppendOne(absorbedErased);
            }
        }

        foreach (var recordId in recordIds)
        {
            var created = $"/clients/{recordId}";
            session.DeleteWhere<IdempotencyRecord>(record => record.Location.EndsWith(created));
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (StreamWrites.IsLostRace(exception))
        {
            return StreamWrites.Conflict();
        }

        return TypedResults.Accepted($"{http.Request.PathBase}/clients/{clientId}/erasure", StatusOf(client.Apply(erased)));
    }
}

/// <summary>Files another service's confirmation on the client's stream; a repeated one changes nothing.</summary>
internal sealed class ClientErasureConfirmedConsumer(IDocumentStore store, TimeProvider clock)
    : IdempotentConsumer<Contracts.ClientErasureConfirmed>(store, clock)
{
    private readonly TimeProvider clock = clock;

    protected override async Task ApplyAsync(Contracts.ClientErasureConfirmed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Client>(message.ClientId, cancellationToken);
        var erasure = stream.Aggregate?.Erasure
            ?? throw new InvalidOperationException($"Client {message.ClientId} has no erasure to confirm.");
        if (erasure.AwaitedServices.Contains(message.Service) && erasure.ConfirmedAt(message.Service) is null)
        {
            stream.AppendOne(new ErasureConfirmed(message.ClientId, message.Service, message.ConfirmedAt, clock.GetUtcNow()));
        }
    }
}
