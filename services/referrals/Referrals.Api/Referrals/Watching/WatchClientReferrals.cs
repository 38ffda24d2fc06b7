using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Referrals.Referrals.Watching;

/// <summary>A signal that moves whenever one of a client's referrals is sent or changes (a partner's answer, a shared update).</summary>
public sealed record ReferralChanges(Guid ClientId, string Changes);

/// <summary>
/// <c>GET /referrals/changes?clientId=</c>: lets the client's record ask every few seconds whether a
/// partner has answered, and reload the referrals only then. It carries no client data, so asking
/// is not recorded as a read of the client; it sees what <c>GET /referrals?clientId=</c> sees.
/// </summary>
internal static class WatchClientReferrals
{
    public static RouteHandlerBuilder MapWatchClientReferrals(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/changes", HandleAsync)
            .WithName("WatchClientReferrals")
            .WithSummary("A signal that moves whenever one of the client's referrals changes")
            .RequireAuthorization(ReferralsRoles.CaseWorkOrCoordination);

    private static async Task<Results<Ok<ReferralChanges>, ValidationProblem>> HandleAsync(Guid? clientId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (clientId is not { } client)
        {
            var errors = new FieldErrors();
            errors.Required("clientId", "This field is required: the client whose referrals to watch.");
            return errors.ToProblem();
        }

        var query = session.Query<Referral>().Where(referral => referral.ClientId == client);
        if (!http.User.SeesAllOffices())
        {
            var office = http.User.Office() ?? "";
            query = query.Where(referral => referral.Office == office);
        }

        return TypedResults.Ok(new ReferralChanges(client, await ChangeSignal.OfAsync(query, cancellationToken)));
    }
}
