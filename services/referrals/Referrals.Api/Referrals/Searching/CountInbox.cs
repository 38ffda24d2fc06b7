using Integration.Eventing;
using Integration.Referrals.Referrals.Watching;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Searching;

/// <summary>
/// How many of the organisation's referrals each stage of the inbox holds, and how many of the new
/// ones are overdue, under the same filters as the list; <see cref="Changes"/> moves whenever any
/// referral of the organisation is sent or changes, so a screen can ask every few seconds and reload
/// its list only then.
/// </summary>
public sealed record InboxCounts(long New, long InProgress, long Waiting, long Closed, long Overdue, string Changes);

/// <summary>
/// <c>GET /inbox/counts</c>: the inbox's tabs and its "something new" signal. It shows no client
/// data, so it is not recorded as a read of anyone's data, however often it is asked. Like the inbox, it counts every tenant of staff
/// whose organisation serves several, unless <c>?tenant=</c> names one.
/// </summary>
internal static class CountInbox
{
    public static RouteHandlerBuilder MapCountInbox(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/inbox/counts", HandleAsync)
            .WithName("CountInbox")
            .WithTags("Referrals")
            .WithSummary("How many referrals each stage of the partner's inbox holds, and a signal that moves when any changes")
            .RequireAuthorization(ReferralsRoles.Partner);

    private static async Task<Results<Ok<InboxCounts>, ValidationProblem>> HandleAsync(string? urgency, string? serviceId, string? q, IQuerySession session,
        IDocumentStore store, Tenancy tenancy, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var filter = InboxFilter.Parse(status: null, stage: null, urgency, overdue: null, serviceId, q, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var organisation = http.User.Organisation() ?? Guid.Empty;
        if (Tenancy.AllOfRequest(http) is not { } tenants)
        {
            return TypedResults.Ok(await CountAsync(session, filter, organisation, http, cancellationToken));
        }

        var counts = new List<InboxCounts>();
        foreach (var tenant in tenants)
        {
            await using var tenantSession = store.QuerySession(tenancy.StorageIdOf(tenant));
            counts.Add(await CountAsync(tenantSession, filter, organisation, http, cancellationToken));
        }

        return TypedResults.Ok(new InboxCounts(counts.Sum(count => count.New), counts.Sum(count => count.InProgress), counts.Sum(count => count.Waiting),
            counts.Sum(count => count.Closed), counts.Sum(count => count.Overdue), string.Join('.', counts.Select(count => count.Changes))));
    }

    private static async Task<InboxCounts> CountAsync(IQuerySession session, InboxFilter filter, Guid organisation, HttpContext http,
        CancellationToken cancellationToken)
    {
        var resolved = await filter.ResolveAsync(session, organisation, http.Now(), cancellationToken);
        Task<long> InStageAsync(InboxFilter narrowed) => narrowed.Apply(session, organisation).LongCountAsync(cancellationToken);

        return new InboxCounts(
            await InStageAsync(resolved with { Stage = InboxStage.New }),
            await InStageAsync(resolved with { Stage = InboxStage.InProgress }),
            await InStageAsync(resolved with { Stage = InboxStage.Waiting }),
            await InStageAsync(resolved with { Stage = InboxStage.Closed }),
            await InStageAsync(resolved with { Stage = InboxStage.New, Overdue = true }),
            await ChangeSignal.OfAsync(session.Query<Referral>().Where(referral => referral.OrganisationId == organisation), cancellationToken));
    }
}
