using System.Security.Claims;
using Integration.Referrals.Clients.Reading;
using Integration.Referrals.Referrals;
using Integration.Referrals.Referrals.Reading;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Access;

/// <summary>
/// Someone was shown a client's personal data here. Each read is a one-event stream (reads never
/// touch the referral's own stream, so they do not change its version), which the relay publishes
/// for intake's access log.
/// </summary>
public sealed record ClientDataShown(
    Guid ClientId, string By, string Role, Guid? Organisation, string? Office, string Endpoint, DateTimeOffset At);

internal static class ClientDataAccess
{
    /// <summary>
    /// An endpoint filter that records, after the handler, every client whose data the answer
    /// shows: a referral with client details (not a coordinator's view, which has none), pages of
    /// them, and client references. The record commits before the answer is written.
    /// </summary>
    public static TBuilder RecordsClientDataReads<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var shown = Shown(result is INestedHttpResult nested ? nested.Result : result);
            if (shown.Count > 0)
            {
                var http = context.HttpContext;
                var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.Value ?? "";
                var session = http.RequestServices.GetRequiredService<IDocumentSession>();
                var now = http.Now();
                foreach (var clientId in shown)
                {
                    session.Events.StartStream(Guid.CreateVersion7(now), Shown(http.User, clientId, endpoint, now));
                }

                await session.SaveChangesAsync(http.RequestAborted);
            }

            return result;
        });

    private static List<Guid> Shown(object? result) => result is not IValueHttpResult { Value: { } value }
        ? []
        : value switch
        {
            ReferralView { Client: not null } view => [view.ClientId],
            ListPage<ReferralView> page => [.. page.Items.Where(view => view.Client is not null).Select(view => view.ClientId).Distinct()],
            ClientReferenceView client => [client.Id],
            ListPage<ClientReferenceView> page => [.. page.Items.Select(client => client.Id)],
            Caseload.CaseloadView caseload => [.. caseload.Overdue.Items.Where(late => late.ClientName is not null).Select(late => late.ClientId).Distinct()],
            _ => [],
        };

    private static ClientDataShown Shown(ClaimsPrincipal reader, Guid clientId, string endpoint, DateTimeOffset now) =>
        new(clientId, reader.Actor(), reader.FindFirstValue(IntegrationClaims.Role) ?? "",
            reader.Organisation(),
            reader.FindFirstValue(IntegrationClaims.Office), endpoint, now);
}
