using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Matching;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Searching;

/// <summary>
/// A search result: who the person is, and what the desk needs to tell two people of one name apart and
/// to reach them without opening the record (case status, preferred language, interpreter, phone).
/// </summary>
public sealed record ClientSummary(
    Guid ClientId, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly DateOfBirth,
    bool DateOfBirthIsApproximate, IReadOnlyList<string> Nationalities, string? Office, DateTimeOffset RegisteredAt,
    CaseStatus CaseStatus, string? PreferredLanguage, bool InterpreterRequired, string? Phone);

/// <summary>
/// A person of the searched name registered at another office than the caller's, masked as a cross-office
/// duplicate candidate is (<see cref="Registering.DuplicateCandidate"/>): the office to call, the birth
/// year and initials, and what matched; never an id, a name or a date.
/// </summary>
public sealed record ElsewhereMatch(string? Office, int BirthYear, string Initials, IReadOnlyList<string> MatchedOn);

/// <summary>A page of search results; when a name search by office staff finds nobody at their office, also the same name at other offices.</summary>
public sealed record ClientSearchPage(IReadOnlyList<ClientSummary> Items, int Page, int PageSize, long Total)
{
    public bool? TotalIsCapped { get; init; }

    public IReadOnlyList<ElsewhereMatch> Elsewhere { get; init; } = [];
}

internal static class SearchingClients
{
    /// <summary>At most this many matches at other offices: enough to know whom to call, too few to browse another office's register.</summary>
    public const int MaxElsewhere = 3;

    /// <summary>How many of every office's best results are looked at for matches elsewhere.</summary>
    private const int ElsewhereWindow = 20;

    private const int MaxQueryLength = 200;
    private const int MaxPermitWindowDays = 366;

    public static RouteHandlerBuilder MapSearchClients(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/", HandleAsync)
            .WithName("SearchClients")
            .RequireAuthorization(IntakeRoles.ReadClients);

    /// <summary>
    /// <c>GET /clients?q=&amp;dateOfBirth=&amp;documentNumber=&amp;permitExpiringWithinDays=&amp;assignedTo=&amp;sort=&amp;page=&amp;pageSize=</c>:
    /// names match across spelling and transliteration (phonetic tokens, trigrams), best first unless <c>sort</c> says otherwise.
    /// When staff of one office find nobody there, they also learn, masked, of people of the same name at other offices
    /// (<see cref="ElsewhereAsync"/>), so that "nobody found" never sends a desk to register someone another office already
    /// knows. Only then: the search over every office costs a second query, which a search that found someone does not need.
    /// </summary>
    private static async Task<Results<Ok<ClientSearchPage>, ValidationProblem>> HandleAsync(
        string? q, DateOnly? dateOfBirth, string? documentNumber, int? permitExpiringWithinDays, string? assignedTo, string? sort, int? page, int? pageSize,
        ClientIndex index, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        errors.OptionalText("q", q, MaxQueryLength);
        errors.OptionalText("documentNumber", documentNumber, 50);
        var order = QueryParameters.Vocabulary<ClientOrder>("sort", sort, errors) ?? ClientOrder.Relevance;
        var caseWorker = Assigning.AssignedTo.Filter(assignedTo, http.User, errors);
        if (permitExpiringWithinDays is < 0 or > MaxPermitWindowDays)
        {
            errors.Add("permitExpiringWithinDays", $"Between 0 and {MaxPermitWindowDays}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var search = new ClientSearch(q, dateOfBirth, documentNumber, permitExpiringWithinDays) 
        {
            Tenant = session.TenantId, Office = http.User.SearchOffice(), Order = order, AssignedTo = caseWorker,
        };
        var found = await index.SearchAsync(search, request, today, cancellationToken);
        var records = (await session.LoadManyAsync<Client>(cancellationToken, found.Items.Select(client => client.ClientId)))
            .ToDictionary(client => client.Id);
        var elsewhere = search is { Office: not null, Text: not null, DocumentNumber: null, PermitExpiringWithinDays: null, AssignedTo: null }
            && found.Total == 0
            ? await ElsewhereAsync(index, search, today, cancellationToken)
            : [];
        AccessLogging.Record(session, http.User, "SearchClients",
            found.Items.Select(client => client.ClientId).Concat(elsewhere.Select(match => match.Client.ClientId)), clock.GetUtcNow());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ClientSearchPage(
            [.. found.Items.Where(client => records.ContainsKey(client.ClientId)).Select(client => Summary(client, records[client.ClientId]))],
            found.Page, found.PageSize, found.Total)
        {
            TotalIsCapped = found.TotalIsCapped,
            Elsewhere = [.. elsewhere.Select(match => new ElsewhereMatch(match.Client.Office, match.Client.DateOfBirth.Year,
                Registering.DuplicateCandidate.InitialsOf(match.Client.GivenName, match.Client.FamilyName), match.MatchedOn))],
        });
    }

    /// <summary>The same search over every office, keeping other offices' people whose whole name is the one searched (in any known spelling).</summary>
    private static async Task<IReadOnlyList<(IndexedClient Client, IReadOnlyList<string> MatchedOn)>> ElsewhereAsync(
        ClientIndex index, ClientSearch search, DateOnly today, CancellationToken cancellationToken)
    {
        // Without the date of birth the caller may have given: a match must not confirm another office's client's exact date.
        var everywhere = await index.SearchAsync(search with { Office = null, DateOfBirth = null, Order = ClientOrder.Relevance },
            new PageRequest(1, ElsewhereWindow), today,
            cancellationToken);
        return [.. everywhere.Items
            .Where(client => client.Office != search.Office)
            .Select(client => (Client: client, MatchedOn: DuplicateScorer.SameName(search.Text!, client.ToMatchSubject())))
            .Where(match => match.MatchedOn is not null)
            .Take(MaxElsewhere)
            .Select(match => (match.Client, match.MatchedOn!))];
    }

    private static ClientSummary Summary(IndexedClient found, Client record) =>
        new(found.ClientId, found.GivenName, found.FamilyName, found.OtherNames, found.DateOfBirth, found.DateOfBirthIsApproximate,
            found.Nationalities, found.Office, found.RegisteredAt, record.Case.Status, record.PreferredLanguage, record.InterpreterRequired, record.Phone);
}
