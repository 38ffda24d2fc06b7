using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Reading;

internal static class GettingClient
{
    public static RouteHandlerBuilder MapGetClient(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}", HandleAsync)
            .WithName("GetClient")
            .RequireAuthorization(IntakeRoles.ReadClients);

    private static async Task<Results<Ok<ClientView>, AccessRefusal>> HandleAsync(
        Guid clientId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var client = await session.LoadAsync<Client>(clientId, cancellationToken);
        if (!http.User.Admits(client, out var refusal))
        {
            return refusal;
        }

        AccessLogging.Record(session, http.User, "GetClient", [clientId], clock.GetUtcNow());
        await session.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(client.Version);
        return TypedResults.Ok(ClientView.From(client, clock.GetUtcNow()));
    }
}
