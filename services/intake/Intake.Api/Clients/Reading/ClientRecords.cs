using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Reading;

/// <summary>
/// How every list that belongs to one client is read (notes, plans, the timeline): the paging
/// parameters (400 when out of range), the client under office scoping (404, 410 once erased), one
/// page of the query, and the read filed in the client's access log before the answer leaves. The
/// query gets the ids of every record the case is made of: the client's own and those merged into it.
/// </summary>
internal static class ClientRecords
{
    public static async Task<Results<Ok<ListPage<TShown>>, ValidationProblem, AccessRefusal>> PageAsync<TStored, TShown>(IDocumentSession session, HttpContext http, Guid clientId, int? page, int? pageSize,
        string endpoint, Func<IQueryable<TStored>, IReadOnlyList<Guid>, IQueryable<TStored>> query, Func<TStored, TShown> show,
        CancellationToken cancellationToken)
        where TStored : notnull
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var client = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(client, out var refusal))
        {
            return refusal;
        }

        var recordIds = await CaseRecordIdsAsync(session, client, cancellationToken);
        var found = await query(session.Query<TStored>(), recordIds).ToPageAsync(request, cancellationToken);
        AccessLogging.Record(session, http.User, endpoint, [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ListPage<TShown>([.. found.Items.Select(show)], found.Page, found.PageSize, found.Total));
    }

    /// <summary>
    /// The client's id and those of the records merged into it, and into those (a merge of a record that
    /// had itself absorbed others): notes and timeline entries stay filed under the record they were
    /// written on, and the case shows them all until an unmerge takes a record back.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CaseRecordIdsAsync(IQuerySession session, Client client, CancellationToken cancellationToken)
    {
        var ids = new List<Guid> { client.Id };
        var absorbed = client.Absorptions.Select(absorption => absorption.DuplicateId).ToList();
        while (absorbed.Count > 0)
        {
            ids.AddRange(absorbed);
            var records = await session.LoadManyAsync<Client>(cancellationToken, absorbed);
            absorbed = [.. records.SelectMany(record => record.Absorptions.Select(absorption => absorption.DuplicateId)).Except(ids)];
        }

        return ids;
    }
}
