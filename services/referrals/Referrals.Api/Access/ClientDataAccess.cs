using System.Security.Claims;
using Integration.Eventing;
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
                var tenancy = http.RequestServices.GetRequiredService<Tenancy>();
                var now = http.Now();
                foreach (var (clientId, tenant) in shown)
                {
                    var there = tenant is null ? session : AcrossTenants.Operations(session, tenancy.StorageIdOf(tenant));
                    there.Events.StartStream(Guid.CreateVersion7(now), Shown(http.User, clientId, endpoint, now));
                }

                await session.SaveChangesAsync(http.RequestAborted);
            }

            return result;
        });

    /// <summary>
    /// The clients an answer shows, each with the tenant whose client it is when the answer says (referrals carry theirs: a shared
    /// partner's inbox merges several tenants, and each read is logged in the client's own tenant), else null for the request's.
    /// </summary>
    private static List<(Guid ClientId, string? Tenant)> Shown(object? result) => result is not IValueHttpResult { Value: { } value }
        ? []
        : value switch
        {
            ReferralView { Client: not null } view => [(view.ClientId, view.TenantId)],
            ListPage<ReferralView> page => [.. page.Items.Where(view => view.Client is not null).Select(view => (view.ClientId, view.TenantId)).Distinct()],
            ClientReferenceView client => [(client.Id, null)],
            ListPage<ClientReferenceView> page => [.. page.Items.Select(client => (client.Id, (string?)null))],
            Caseload.CaseloadView caseload => [.. caseload.Overdue.Items.Where(late => late.ClientName is not null).Select(late => (late.ClientId, (string?)null)).Distinct()],
            _ => [],
        };

    private static ClientDataShown Shown(ClaimsPrincipal reader, Guid clientId, string endpoint, DateTimeOffset now) =>
        new(clientId, reader.Actor(), reader.FindFirstValue(IntegrationClaims.Role) ?? "",
            reader.Organisation(),
            reader.FindFirstValue(IntegrationClaims.Office), endpoint, now);
}
