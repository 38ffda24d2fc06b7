using Integration.Eventing;
using Integration.Intake.Clients;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Intake.Duplicates.Dismissing;

/// <summary>Body of <c>POST /duplicates/{pairId}/not-the-same</c>: why the two records are two people.</summary>
internal sealed record DismissDuplicatePairRequest(string? Reason);

internal static class DismissingDuplicatePair
{
    public static FieldErrors Validate(DismissDuplicatePairRequest request)
    {
        var errors = new FieldErrors();
        errors.RequireText("reason", request.Reason, ClientValidation.MaxNoteLength);
        return errors;
    }

    /// <summary>A pair is decided once: deciding it again is a conflict, not a second record.</summary>
    public static DuplicatePairDismissed Decide(DuplicatePair pair, DismissDuplicatePairRequest request, string by, DateTimeOffset now)
    {
        if (pair.Status != DuplicatePairStatus.Open)
        {
            throw DomainRuleViolated.Conflict("already_decided", "This pair was already decided.");
        }

        return new DuplicatePairDismissed(pair.Id, request.Reason!.Trim(), by, now);
    }

    public static RouteHandlerBuilder MapDismissDuplicatePair(this IEndpointRouteBuilder duplicates) =>
        duplicates.MapPost("/{pairId:guid}/not-the-same", HandleAsync)
            .WithName("DismissDuplicatePair")
            .RequireAuthorization(IntakeRoles.Duplicates)
            .ProducesChange(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(Guid pairId, DismissDuplicatePairRequest request, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var pair = await session.LoadAsync<DuplicatePair>(pairId, cancellationToken);
        if (pair is null || !http.User.MayDecide(pair))
        {
            return StreamWrites.NotFound("No duplicate pair with this id.");
        }

        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await session.WriteAsync<DuplicatePair>(http, pairId, current => Decide(current, request, http.Actor(), http.Now()), cancellationToken);
    }
}
