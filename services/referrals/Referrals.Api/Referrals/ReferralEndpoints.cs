using System.Security.Claims;
using Integration.Eventing;
using Integration.Referrals.Access;
using Integration.Referrals.Clients;
using Integration.Referrals.Consents;
using Integration.Referrals.Directory;
using Integration.Referrals.Referrals.PostingUpdates;
using Integration.Referrals.Referrals.Searching;
using Integration.Referrals.Referrals.Watching;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Referrals;

public sealed record CreateReferralRequest(Guid? ClientId, Guid? NeedId, Guid? ServiceId, Priority? Urgency, string? Note);

public sealed record DeclineRequest(DeclineReason? Reason, string? Note);

public sealed record WaitlistRequest(DateOnly? EstimatedDate);

public sealed record FirstContactRequest(DateTimeOffset? At);

public sealed record CompleteRequest(ReferralOutcome? Outcome, string? Note);

public sealed record WithdrawRequest(string? Reason);

public sealed record RedirectRequest(Guid? ServiceId, string? Note);

/// <summary>The body of a command that needs none (accept, no-show).</summary>
public sealed record NoDetails;

public sealed record ReferralCreated(Guid ReferralId);

/// <summary>A referral with what its reader may see of the client (<see cref="SharedClient"/>).</summary>
public sealed record ReferralView : Referral
{
    private ReferralView(Referral referral, string? note, IReadOnlyList<ReferralUpdate> updates, SharedClient? client,
        IReadOnlyList<string> sharedDataCategories)
        : base(referral)
    {
        Note = note;
        Updates = updates;
        Client = client;
        SharedDataCategories = sharedDataCategories;
    }

    public SharedClient? Client { get; }

    public IReadOnlyList<string> SharedDataCategories { get; }

    /// <summary>
    /// Partners and case workers see the client as consent shares it (case workers see what the
    /// partner sees); coordinators see no personal data. The case worker's note is part of the
    /// case notes, and so are the shared updates: a partner reads them only while consent shares
    /// <c>case_notes</c> with it, and loses them when that consent ends.
    /// </summary>
    public static ReferralView For(ClaimsPrincipal reader, Referral referral, ClientReference? client, IReadOnlySet<string> shared)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(shared);
        var coordinator = reader.IsInRole("coordinator") && !reader.IsInRole("caseworker");
        var partner = reader.IsInRole("partner");
        var caseNotesShared = !partner || shared.Contains(VocabularyNames.Name(DataCategory.CaseNotes));
        return new ReferralView(referral, caseNotesShared ? referral.Note : null, caseNotesShared ? referral.Updates : [], coordinator ? null : SharedClient.From(client, referral.NeedId, shared),
            [.. shared.Order(StringComparer.Ordinal)]);
    }
}

public static class ReferralEndpoints
{
    public const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder endpoints)
    {
        var referrals = endpoints.MapGroup("/referrals").WithTags("Referrals").RecordsClientDataReads();
        referrals.MapPost("/", CreateAsync)
            .WithName("CreateReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork)
            .Produces<ReferralCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        referrals.MapGet("/{id:guid}", GetAsync)
            .WithName("GetReferral")
            .RequireAuthorization(ReferralsRoles.ReadReferral)
            .Produces<ReferralView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        referrals.MapGet("/", ListForClientAsync)
            .WithName("ListReferrals")
            .RequireAuthorization(ReferralsRoles.CaseWorkOrCoordination)
            .Produces<ListPage<ReferralView>>()
            .ProducesValidationProblem();
        referrals.MapWatchClientReferrals();
        endpoints.MapGet("/inbox", InboxAsync)
            .RecordsClientDataReads()
            .WithName("Inbox")
            .WithTags("Referrals")
            .RequireAuthorization(ReferralsRoles.Partner)
            .Produces<ListPage<ReferralView>>()
            .ProducesValidationProblem();

        endpoints.MapCountInbox();

        referrals.MapTransition<NoDetails>("accept", "AcceptReferral", ReferralsRoles.Partner, (_, _) => new FieldErrors(),
            (referral, _, by, now) => ReferralLifecycle.Accept(referral, by, now), whenBodyIsEmpty: () => new NoDetails());
        referrals.MapTransition<DeclineRequest>("decline", "DeclineReferral", ReferralsRoles.Partner, (request, _) => Validate(request),
            (referral, request, by, now) => ReferralLifecycle.Decline(referral, request.Reason!.Value, Trimmed(request.Note), by, now));
        referrals.MapTransition<WaitlistRequest>("waitlist", "WaitlistReferral", ReferralsRoles.Partner, Validate,
            (referral, request, by, now) => ReferralLifecycle.Waitlist(referral, request.EstimatedDate, by, now),
            whenBodyIsEmpty: () => new WaitlistRequest(null));
        referrals.MapTransition<FirstContactRequest>("first-contact", "RecordFirstContact", ReferralsRoles.Partner, (request, _) => Validate(request),
            (referral, request, by, now) => ReferralLifecycle.RecordFirstContact(referral, request.At!.Value, by, now));
        referrals.MapTransition<CompleteRequest>("complete", "CompleteReferral", ReferralsRoles.Partner, (request, _) => Validate(request),
            (referral, request, by, now) => ReferralLifecycle.Complete(referral, request.Outcome!.Value, Trimmed(request.Note), by, now));
        referrals.MapTransition<NoDetails>("no-show", "RecordNoShow", ReferralsRoles.Partner, (_, _) => new FieldErrors(),
            (referral, _, by, now) => ReferralLifecycle.RecordNoShow(referral, by, now), whenBodyIsEmpty: () => new NoDetails());
        referrals.MapTransition<WithdrawRequest>("withdraw", "WithdrawReferral", ReferralsRoles.CaseWork, (request, _) => Validate(request),
            (referral, request, by, now) => ReferralLifecycle.Withdraw(referral, request.Reason!.Trim(), by, now));
        referrals.MapPostReferralUpdate();
        referrals.MapPost("/{id:guid}/redirect", RedirectAsync)
            .WithName("RedirectReferral")
            .RequireAuthorization(ReferralsRoles.CaseWork)
            .Produces<ReferralCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    public static FieldErrors Validate(CreateReferralRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        Require(errors, "clientId", request.ClientId);
        Require(errors, "needId", request.NeedId);
        Require(errors, "serviceId", request.ServiceId);
        if (request.Urgency is null)
        {
            errors.Required("urgency", $"This field is required ({VocabularyNames.List<Priority>()}).");
        }

        errors.OptionalText("note", request.Note, MaxNoteLength);
        return errors;
    }

    public static FieldErrors Validate(DeclineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Reason is null)
        {
            errors.Required("reason", $"This field is required ({VocabularyNames.List<DeclineReason>()}).");
        }

        if (request.Reason == DeclineReason.Other)
        {
            errors.RequireText("note", request.Note, MaxNoteLength);
        }
        else
        {
            errors.OptionalText("note", request.Note, MaxNoteLength);
        }

        return errors;
    }

    public static FieldErrors Validate(WaitlistRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.EstimatedDate < DateOnly.FromDateTime(now.UtcDateTime))
        {
            errors.Add("estimatedDate", "Today or later.");
        }

        return errors;
    }

    public static FieldErrors Validate(FirstContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        Require(errors, "at", request.At);
        return errors;
    }

    public static FieldErrors Validate(CompleteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (request.Outcome is null)
        {
            errors.Required("outcome", $"This field is required ({VocabularyNames.List<ReferralOutcome>()}).");
        }

        errors.OptionalText("note", request.Note, MaxNoteLength);
        return errors;
    }

    public static FieldErrors Validate(WithdrawRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.RequireText("reason", request.Reason, MaxNoteLength);
        return errors;
    }

    public static FieldErrors Validate(RedirectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        Require(errors, "serviceId", request.ServiceId);
        errors.OptionalText("note", request.Note, MaxNoteLength);
        return errors;
    }

    /// <summary>
    /// Partner staff see only referrals addressed to their organisation, case workers those of their
    /// office (<see cref="OfficeAccess"/>): anything else does not exist for them (404, so that not even
    /// existence leaks).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, Referral referral)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(referral);
        return user.IsInRole("partner")
            ? user.Organisation() == referral.OrganisationId
            : user.WorksWithOffice(referral.Office);
    }

    private static async Task<IResult> CreateAsync(CreateReferralRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await session.StartAsync<Referral, CreateReferralRequest>(http, "create-referral", request,
            async id => [await SendAsync(session, http, id, request.ClientId!.Value, request.NeedId!.Value, request.ServiceId!.Value,
                request.Urgency!.Value, Trimmed(request.Note), redirectedFrom: null, cancellationToken)],
            id => $"/referrals/{id}", id => new ReferralCreated(id), cancellationToken);
    }

    private static async Task<IResult> GetAsync(Guid id, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var referral = await session.LoadAsync<Referral>(id, cancellationToken);
        if (referral is null || !CanSee(http.User, referral))
        {
            return StreamWrites.NotFound("No such referral.");
        }

        var views = await ViewsAsync(session, http, [referral], cancellationToken);
        http.Response.Headers.ETag = ETags.For(referral.Version);
        return TypedResults.Ok(views[0]);
    }

    private static async Task<IResult> ListForClientAsync(Guid? clientId, string? status, string? sort, int? page, int? pageSize, IQuerySession session,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wanted = QueryParameters.Vocabulary<ReferralStatus>("status", status, errors);
        var order = QueryParameters.Vocabulary<ReferralOrder>("sort", sort, errors) ?? ReferralOrder.Newest;
        if (clientId is null)
        {
            errors.Required("clientId", "This field is required: the client whose referrals to list.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = session.Query<Referral>().Where(referral => referral.ClientId == clientId);
        if (!http.User.SeesAllOffices())
        {
            var office = http.User.Office() ?? "";
            query = query.Where(referral => referral.Office == office);
        }

        return await PageAsync(session, http, wanted is { } s ? query.Where(referral => referral.Status == s) : query, order, request,
            cancellationToken);
    }

    /// <summary>
    /// <c>GET /inbox?status=&amp;stage=&amp;urgency=&amp;overdue=&amp;sort=</c>: the partner's referrals. <c>stage</c>
    /// groups the statuses as a work queue: <c>new</c> (sent), <c>in_progress</c> (accepted, in contact),
    /// <c>waiting</c> (waiting list), <c>closed</c> (everything answered for good).
    /// </summary>
    private static async Task<IResult> InboxAsync(string? status, string? stage, string? urgency, bool? overdue, string? serviceId, string? q,
        string? sort, int? page, int? pageSize, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var filter = InboxFilter.Parse(status, stage, urgency, overdue, serviceId, q, errors);
        var order = QueryParameters.Vocabulary<ReferralOrder>("sort", sort, errors) ?? ReferralOrder.Newest;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var organisation = http.User.Organisation() ?? Guid.Empty;
        var query = (await filter.ResolveAsync(session, organisation, http.Now(), cancellationToken)).Apply(session, organisation);
        return await PageAsync(session, http, query, order, request, cancellationToken);
    }

    private static async Task<IResult> PageAsync(IQuerySession session, HttpContext http, IQueryable<Referral> query, ReferralOrder order,
        PageRequest request, CancellationToken cancellationToken)
    {
        var ordered = order switch
        {
            ReferralOrder.Oldest => query.OrderBy(referral => referral.CreatedAt),
            ReferralOrder.Due => query.OrderBy(referral => referral.ResponseDueAt),
            _ => query.OrderByDescending(referral => referral.CreatedAt),
        };
        var found = await ordered.ThenBy(referral => referral.Id).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(new ListPage<ReferralView>(await ViewsAsync(session, http, found.Items, cancellationToken), found.Page,
            found.PageSize, found.Total));
    }

    private static async Task<IReadOnlyList<ReferralView>> ViewsAsync(IQuerySession session, HttpContext http, IReadOnlyList<Referral> referrals,
        CancellationToken cancellationToken)
    {
        var clientIds = referrals.Select(referral => referral.ClientId).Distinct().ToArray();
        var clients = (await session.LoadManyAsync<ClientReference>(cancellationToken, clientIds)).ToDictionary(client => client.Id);
        var consents = await ConsentCoverage.ForClientsAsync(session, clientIds, cancellationToken);
        var now = http.Now();
        return [.. referrals.Select(referral => ReferralView.For(http.User, referral, clients.GetValueOrDefault(referral.ClientId),
            ConsentCoverage.SharedCategories(referral, consents, now)))];
    }

    private static async Task<IResult> RedirectAsync(Guid id, RedirectRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await session.LoadAsync<Referral>(id, cancellationToken) is not { } current)
        {
            return StreamWrites.NotFound("No such referral.");
        }

        var now = http.Now();
        var successor = await SendAsync(session, http, Guid.CreateVersion7(now), current.ClientId, current.NeedId, request.ServiceId!.Value,
            current.Urgency, current.Note, redirectedFrom: current.Id, cancellationToken);
        var location = $"{http.Request.PathBase}/referrals/{successor.ReferralId}";
        return await session.AppendAsync<Referral>(http, id,
            referral => [ReferralLifecycle.Redirect(referral, successor, Trimmed(request.Note), http.User.Actor(), now)],
            (_, _) => TypedResults.Created(location, new ReferralCreated(successor.ReferralId)), cancellationToken,
            alsoSave: staged => staged.Events.StartStream<Referral>(successor.ReferralId, successor));
    }

    /// <summary>
    /// The first event of a referral, after the checks on client, need, service and consent; stages
    /// <see cref="ConsentReliedOn"/> on each covering consent at its current version.
    /// </summary>
    private static async Task<ReferralSent> SendAsync(IDocumentSession session, HttpContext http, Guid referralId, Guid clientId, Guid needId,
        Guid serviceId, Priority urgency, string? note, Guid? redirectedFrom, CancellationToken cancellationToken)
    {
        var client = await session.LoadAsync<ClientReference>(clientId, cancellationToken);
        if (client is null || !http.User.WorksWithOffice(client.Office))
        {
            throw new DomainRuleViolated("unknown_client", "No client with this id is known to referrals for your office (clients come from intake).");
        }

        var service = await session.LoadAsync<PartnerService>(serviceId, cancellationToken)
            ?? throw new DomainRuleViolated("unknown_service", "No service with this id is in the directory.");
        var organisation = await session.LoadAsync<Organisation>(service.OrganisationId, cancellationToken)
            ?? throw new InvalidOperationException($"Service {service.Id} names organisation {service.OrganisationId}, which is missing.");
        var consents = await ConsentCoverage.ForClientsAsync(session, [clientId], cancellationToken);
        var now = http.Now();
        var office = http.User.FindFirstValue(IntegrationClaims.Office) ?? client.Office ?? "unknown";
        var sent = ReferralLifecycle.Send(referralId, client, needId, service, organisation, urgency, note, office,
            ConsentCoverage.Covering(consents, organisation.Id, service.Category, now), redirectedFrom, http.User.Actor(), now) with
        {
            SentByName = http.User.DisplayName(),
        };
        foreach (var consent in consents.Where(consent => sent.CoveringConsents.Contains(consent.Id)))
        {
            session.Events.Append(consent.Id, consent.Version + 1, new ConsentReliedOn(consent.Id, referralId, now));
        }

        return sent;
    }

    /// <summary>Maps <c>POST /referrals/{id}/{action}</c> (see <see cref="StreamTransitions"/>); partners act only on their organisation's referrals.</summary>
    private static void MapTransition<TRequest>(this RouteGroupBuilder referrals, string action, string name, string policy,
        Func<TRequest, DateTimeOffset, FieldErrors> validate, Func<Referral, TRequest, string, DateTimeOffset, object> decide,
        Func<TRequest>? whenBodyIsEmpty = null)
        where TRequest : class =>
        referrals.MapTransition<Referral, TRequest>(action, "No such referral.", validate,
                (_, http, referral, _) => Task.FromResult(CanSee(http.User, referral)), decide, whenBodyIsEmpty)
            .WithName(name)
            .RequireAuthorization(policy);

    private static void Require<T>(FieldErrors errors, string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            errors.Required(field);
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Orders of referral lists (<c>?sort=</c>): newest first (the default), oldest first, or by answer due first.</summary>
public enum ReferralOrder { Newest, Oldest, Due }


