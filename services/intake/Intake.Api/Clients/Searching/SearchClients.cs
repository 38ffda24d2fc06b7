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

public static class SearchingClients
{
    private const int MaxQueryLength = 200;
    private const int MaxPermitWindowDays = 366;

    public static RouteHandlerBuilder MapSearchClients(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/", HandleAsync)
            .WithName("SearchClients")
            .RequireAuthorization(IntakeRoles.ReadClients);

    /// <summary>
    /// <c>GET /clients?q=&amp;dateOfBirth=&amp;documentNumber=&amp;permitExpiringWithinDays=&amp;assignedTo=&amp;sort=&amp;page=&amp;pageSize=</c>:
    /// names match across spelling and transliteration (phonetic tokens, trigrams), best first unless <c>sort</c> says otherwise.
    /// </summary>
    private static async Task<Results<Ok<ListPage<ClientSummary>>, ValidationProblem>> HandleAsync(
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
        var search = new ClientSearch(q, dateOfBirth, documentNumber, permitExpiringWithinDays) { Office = http.User.SearchOffice(), Order = order, AssignedTo = caseWorker };
        var found = await index.SearchAsync(search, request, today, cancellationToken);
        var records = (await session.LoadManyAsync<Client>(cancellationToken, found.Items.Select(client => client.ClientId)))
            .ToDictionary(client => client.Id);
        AccessLogging.Record(session, http.User, "SearchClients", found.Items.Select(client => client.ClientId), clock.GetUtcNow());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ListPage<ClientSummary>(
            [.. found.Items.Where(client => records.ContainsKey(client.ClientId)).Select(client => Summary(client, records[client.ClientId]))],
            found.Page, found.PageSize, found.Total) { TotalIsCapped = found.TotalIsCapped });
    }

    private static ClientSummary Summary(IndexedClient found, Client record) =>
        new(found.ClientId, found.GivenName, found.FamilyName, found.OtherNames, found.DateOfBirth, found.DateOfBirthIsApproximate,
            found.Nationalities, found.Office, found.RegisteredAt, record.Case.Status, record.PreferredLanguage, record.InterpreterRequired, record.Phone);
}
