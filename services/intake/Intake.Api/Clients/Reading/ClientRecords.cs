using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Reading;

/// <summary>
/// How every list that belongs to one client is read (notes, plans, the timeline): the paging
/// parameters (400 when out of range), the client under office scoping (404, 410 once erased), one
/// page of the query, and the read filed in the client's access log before the answer leaves.
/// </summary>
public static class ClientRecords
{
    public static async Task<IResult> PageAsync<TStored, TShown>(IDocumentSession session, HttpContext http, Guid clientId, int? page, int? pageSize,
        string endpoint, Func<IQueryable<TStored>, IQueryable<TStored>> query, Func<TStored, TShown> show, CancellationToken cancellationToken)
        where TStored : notnull
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(show);
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!http.User.Admits(await session.LoadAsync<Client>(clientId, cancellationToken), out var refusal))
        {
            return refusal;
        }

        var found = await query(session.Query<TStored>()).ToPageAsync(request, cancellationToken);
        AccessLogging.Record(session, http.User, endpoint, [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ListPage<TShown>([.. found.Items.Select(show)], found.Page, found.PageSize, found.Total));
    }
}
