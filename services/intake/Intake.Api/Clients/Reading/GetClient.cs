using Integration.Eventing;
using Integration.Intake.Clients.AccessLog;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Reading;

internal static class GettingClient
{
    public static RouteHandlerBuilder MapGetClient(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}", HandleAsync)
            .WithName("GetClient")
            .RequireAuthorization(IntakeRoles.ReadClients)
            .Produces<ClientView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(
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
