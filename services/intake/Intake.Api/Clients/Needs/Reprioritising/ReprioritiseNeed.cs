using Integration.Eventing;
using Integration.Intake.Vocabulary;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Clients.Needs.Reprioritising;

internal sealed record ReprioritiseNeedRequest(Priority? Priority);

/// <summary><c>POST /clients/{id}/needs/{needId}/reprioritise</c>: an open need becomes more or less pressing.</summary>
internal static class ReprioritisingNeed
{
    public static FieldErrors Validate(ReprioritiseNeedRequest request)
    {
        var errors = new FieldErrors();
        if (request.Priority is null)
        {
            errors.Required("priority", NeedRules.PriorityRequired);
        }

        return errors;
    }

    public static NeedReprioritised Decide(Client client, Guid needId, ReprioritiseNeedRequest request, string by, DateTimeOffset now)
    {
        NeedRules.RequireOpen(client, needId);
        return new NeedReprioritised(client.Id, needId, request.Priority!.Value, by, now);
    }

    public static RouteHandlerBuilder MapReprioritiseNeed(this IEndpointRouteBuilder clients) =>
        clients.MapPost("/{clientId:guid}/needs/{needId:guid}/reprioritise", HandleAsync)
            .WithName("ReprioritiseNeed")
            .RequireAuthorization(IntakeRoles.CaseWork)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static Task<IResult> HandleAsync(Guid clientId, Guid needId, ReprioritiseNeedRequest? body, IDocumentSession session,
        HttpContext http, CancellationToken cancellationToken) =>
        FieldErrors.ValidThenAsync(body, Validate,
            request => session.WriteClientAsync(http, clientId, client => Decide(client, needId, request, http.Actor(), http.Now()),
                cancellationToken));
}
