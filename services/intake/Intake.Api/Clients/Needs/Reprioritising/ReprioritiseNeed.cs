using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Clients.Needs.Reprioritising;

internal sealed record ReprioritiseNeedRequest(Priority? Priority);

/// <summary>A reprioritisation as parsed: the need's new priority.</summary>
internal sealed record ReprioritiseNeed(Priority Priority);

/// <summary><c>POST /clients/{id}/needs/{needId}/reprioritise</c>: an open need becomes more or less pressing.</summary>
internal static class ReprioritisingNeed
{
    public static Parsed<ReprioritiseNeed> Parse(ReprioritiseNeedRequest request)
    {
        var errors = new FieldErrors();
        var priority = errors.Require("priority", request.Priority, NeedRules.PriorityRequired);
        return errors.Any || priority is not { } given ? errors : new ReprioritiseNeed(given);
    }

    public static NeedReprioritised Decide(Client client, Guid needId, ReprioritiseNeed change, string by, DateTimeOffset now)
    {
        NeedRules.RequireOpen(client, needId);
        return new NeedReprioritised(client.Id, needId, change.Priority, by, now);
    }

    public static RouteHandlerBuilder MapReprioritiseNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs/{needId:guid}/reprioritise", HandleAsync)
            .WithName("ReprioritiseNeed")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static Task<WriteResult<NoContent>> HandleAsync(Guid clientId, Guid needId, ReprioritiseNeedRequest? body, IDocumentSession session,
        HttpContext http, CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            change => session.WriteClientAsync(http, clientId, client => Decide(client, needId, change, http.Actor(), http.Now()),
                cancellationToken));
}
