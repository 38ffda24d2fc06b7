using System.Security.Claims;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Integration.Eventing;

/// <summary>
/// Lightweight sessions that stamp every event they append with the display name of the staff
/// member whose request wrote it (Marten's <c>user_name</c> event metadata). Events keep the
/// account id in their own fields; the name is what timelines show, so staff read "Giulia Rossi"
/// rather than an identity provider's subject. Sessions opened outside a request (consumers,
/// sweeps) carry no name: the system did it. Events also carry the request's trace (<see cref="EventTrace"/>). Every session is the
/// tenant's of the request's token (<see cref="Tenancy"/>); token validation has already refused a tenant that does not exist.
/// </summary>
public sealed class StaffSessionFactory(IDocumentStore store, IHttpContextAccessor httpContextAccessor, Tenancy tenancy) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(RequestTenant());

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession(RequestTenant()).Stamp();
        if (httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } user && user.FindFirstValue(IntegrationClaims.Subject) is not null)
        {
            session.LastModifiedBy = user.DisplayName();
        }

        return session;
    }

    private string RequestTenant() => tenancy.StorageIdOf(httpContextAccessor.HttpContext is { } http ? Tenancy.OfRequest(http) : null);
}
